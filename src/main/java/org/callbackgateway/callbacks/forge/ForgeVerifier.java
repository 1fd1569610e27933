package org.callbackgateway.callbacks.forge;

import java.util.List;
import org.callbackgateway.callbacks.JsonFields;
import org.callbackgateway.callbacks.KeyKind;
import org.callbackgateway.callbacks.KeyMaterial;
import org.callbackgateway.callbacks.LoadedSource;
import org.callbackgateway.callbacks.SignatureVerifier;
import org.callbackgateway.callbacks.SignedRequest;

/**
 * What the forge verifiers share: a source type, shared secrets, and keys that may be scoped to one repository,
 * named by URL fields of the payload.
 */
abstract class ForgeVerifier implements SignatureVerifier {
    private final String type;
    private final RepositoryScope scope;
    private final String[][] repositoryFields;

    ForgeVerifier(String type, JsonFields json, String[]... repositoryFields) {
        this.type = type;
        this.scope = new RepositoryScope(json);
        this.repositoryFields = repositoryFields.clone();
    }

    @Override
    public final String type() {
        return type;
    }

    /** A shared secret, as GitHub and Gitea use; GitLab also takes signing tokens. */
    @Override
    public KeyMaterial prepare(KeyKind kind, byte[] value) {
        return HmacKeys.prepare(type, kind, value);
    }

    /** The repository URLs the request names, read only when the source has repository-scoped keys. */
    final List<String> scopes(SignedRequest request, LoadedSource source) {
        return scope.scopes(request, source, repositoryFields);
    }
}
