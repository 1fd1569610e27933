package org.callbackgateway.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * A real OpenID Connect provider on 127.0.0.1 (mock-oauth2-server: discovery, JWKS, authorization code with PKCE,
 * an interactive login form), with issuer {@code site}, and the gateway settings that make it the site's provider
 * for console sign-in (members of {@link #ADMIN_GROUP} in the {@code groups} claim are admins).
 */
public final class TestIdentityProvider implements AutoCloseable {
    public static final String ISSUER_ID = "site";
    public static final String CLIENT_ID = "gateway-console";
    public static final String ADMIN_GROUP = "gateway-admins";

    private final MockOAuth2Server server;

    private TestIdentityProvider(MockOAuth2Server server) {
        this.server = server;
    }

    public static TestIdentityProvider start() {
        MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(true));
        try {
            // Named by its address, so the issuer in its tokens is http://127.0.0.1:<port>/site, never "localhost".
            server.start(InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1}), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return new TestIdentityProvider(server);
    }

    public MockOAuth2Server server() {
        return server;
    }

    public String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    /** The gateway settings for console sign-in through this provider, plus {@code extra} name/value pairs. */
    public String[] gatewaySettings(String... extra) {
        List<String> settings = new java.util.ArrayList<>(List.of(
                "GATEWAY_OIDC_ISSUER", issuer(),
                "GATEWAY_OIDC_CLIENT_ID", CLIENT_ID,
                "GATEWAY_OIDC_ADMIN_GROUP", ADMIN_GROUP));
        settings.addAll(List.of(extra));
        return settings.toArray(String[]::new);
    }

    /** A random nonce key, as the console makes them. */
    public static String nonceKey() {
        return UUID.randomUUID().toString() + UUID.randomUUID();
    }

    /** The nonce for a nonce key: base64url(SHA-256(key)). */
    public static String nonceOf(String nonceKey) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(nonceKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An ID token of this provider, as its token endpoint would answer it, for the console's client id. */
    public String idToken(String issuerId, String audience, String subject, Map<String, Object> claims, long expiry) {
        return server.issueToken(issuerId, subject, audience, claims, expiry).serialize();
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
