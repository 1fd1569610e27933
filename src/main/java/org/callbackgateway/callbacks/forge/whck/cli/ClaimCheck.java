package org.callbackgateway.callbacks.forge.whck.cli;

import org.callbackgateway.callbacks.Verdict;
import org.callbackgateway.callbacks.forge.ForgeClaims;
import org.callbackgateway.callbacks.forge.whck.ClaimKind;
import org.callbackgateway.callbacks.forge.whck.SecretsDirectory;
import org.callbackgateway.callbacks.forge.whck.WhckException;
import org.callbackgateway.callbacks.forge.whck.WhckExit;

/**
 * Checks a claim against an identifier's secret in a secrets directory, with the gateway's forge verifiers.
 */
public final class ClaimCheck {
    private final SecretsDirectory directory;

    public ClaimCheck(SecretsDirectory directory) {
        this.directory = directory;
    }

    /**
     * Whether the claim is valid; the body is read only for {@link ClaimKind#HMAC_SHA256}.
     *
     * @throws WhckException when the claim cannot be checked (no secret, a refused secret file), or is invalid
     */
    public void verify(ClaimKind kind, String identifier, String claim, BodySupplier body) {
        byte[] secret = directory.secret(identifier);
        Verdict verdict;
        try {
            verdict = kind == ClaimKind.TOKEN ? ForgeClaims.token(secret, claim)
                    : ForgeClaims.hmacSha256(secret, claim, body.read());
        } catch (IllegalArgumentException unusable) {
            throw new WhckException(WhckExit.UNUSABLE_SECRET, "the secret of " + identifier + " cannot be used: "
                    + unusable.getMessage(), unusable);
        }
        if (verdict instanceof Verdict.Rejected rejected) {
            throw new WhckException(WhckExit.INVALID_CLAIM, "invalid claim for " + identifier + " ("
                    + rejected.reason() + ")");
        }
    }

    /** The body, read only when the kind of claim covers it. */
    @FunctionalInterface
    public interface BodySupplier {
        byte[] read();
    }
}
