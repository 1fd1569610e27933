package org.callbackgateway.callbacks.forge.whck.web;

import org.callbackgateway.callbacks.forge.whck.ClaimKind;
import org.callbackgateway.callbacks.forge.whck.SecretsDirectory;
import org.callbackgateway.callbacks.forge.whck.WhckException;
import org.callbackgateway.callbacks.forge.whck.cli.ClaimCheck;

/**
 * Checks claims in this process, with the same code as {@code whck}: the secret file is read for every request,
 * so a changed or removed secret applies to the next one.
 */
final class DirectoryClaimChecker implements ClaimChecker {
    private final SecretsDirectory directory;
    private final ClaimCheck check;

    DirectoryClaimChecker(SecretsDirectory directory) {
        this.directory = directory;
        this.check = new ClaimCheck(directory);
    }

    @Override
    public Result check(ClaimKind kind, String identifier, String claim, byte[] body) {
        try {
            check.verify(kind, identifier, claim, () -> body);
            return new Result(Status.VALID, "valid for " + identifier);
        } catch (WhckException refused) {
            return new Result(Status.REFUSED, refused.getMessage() + " (whck exit " + refused.exit().code() + ")");
        }
    }

    @Override
    public String describe() {
        return "secrets directory " + directory.path();
    }
}
