package org.callbackgateway.oauth;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.callbackgateway.config.EncryptionConfig;
import org.callbackgateway.config.OAuthApiConfig;
import org.callbackgateway.config.OAuthApiConfig.ClientAuth;
import org.callbackgateway.config.OAuthApiConfig.TokenStyle;
import org.callbackgateway.config.Secret;
import org.callbackgateway.crypto.SecretBox;

/**
 * API configurations and encryption keys for the service tests.
 */
final class TestApis {
    static final String CLIENT_SECRET = "stub-client-secret-" + java.util.UUID.randomUUID();

    private TestApis() {
    }

    static OAuthApiConfig api(String name, URI tokenUrl, ClientAuth clientAuth, TokenStyle style) {
        return new OAuthApiConfig(name, URI.create("https://provider.example.org/authorize?tenant=t1"), tokenUrl,
                "gateway-client", Secret.of(CLIENT_SECRET), URI.create("https://gateway.example.org/oauth/callback/" + name),
                List.of("openid", "profile"), clientAuth, style, URI.create("https://de.example.org/de/"));
    }

    static SecretBox box(String keyId) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (keyId.hashCode() + i);
        }
        return new SecretBox(new EncryptionConfig(Map.of(keyId, Secret.of(Base64.getEncoder().encodeToString(key))),
                keyId));
    }
}
