package org.callbackgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {
    private static final String KEY = "0123456789abcdef0123456789abcdef";

    /** The required settings plus {@code more}. */
    private static ConfigSource settings(String... more) {
        Map<String, String> values = new HashMap<>();
        values.put("GATEWAY_JWT_SIGNING_KEY", KEY);
        for (int i = 0; i + 1 < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return ConfigSource.of(values);
    }

    @Test
    void loadUsesDefaultsWhenNothingIsSet() {
        GatewayConfig config = GatewayConfig.load(settings());

        assertThat(config.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(config.retryAfterSeconds()).isEqualTo(5);
        assertThat(config.database().jndiName()).isEqualTo("jdbc/CallbackGateway");
        assertThat(config.database().url()).isEmpty();
        assertThat(config.database().migrate()).isTrue();
        assertThat(config.database().poolSize()).isEqualTo(10);
    }

    @Test
    void loadReadsEverySetting() {
        GatewayConfig config = GatewayConfig.load(settings(
                "GATEWAY_DB_URL", "jdbc:postgresql://db:5432/gateway",
                "GATEWAY_DB_USER", "gateway",
                "GATEWAY_DB_PASSWORD", "s3cret",
                "GATEWAY_DB_POOL_SIZE", "4",
                "GATEWAY_DB_MIGRATE", "false",
                "GATEWAY_MAX_BODY_BYTES", "2048",
                "GATEWAY_RETRY_AFTER_SECONDS", "30"));

        assertThat(config.database().url()).contains("jdbc:postgresql://db:5432/gateway");
        assertThat(config.database().user()).contains("gateway");
        assertThat(config.database().password().map(Secret::reveal)).contains("s3cret");
        assertThat(config.database().poolSize()).isEqualTo(4);
        assertThat(config.database().migrate()).isFalse();
        assertThat(config.maxBodyBytes()).isEqualTo(2048);
        assertThat(config.retryAfterSeconds()).isEqualTo(30);
    }

    @Test
    void tapisEventsArePulledWhenTapisCanBeReadAndTrustedOtherwise() {
        assertThat(GatewayConfig.load(settings()).hpc().tapisTrustEventBody()).isTrue();
        GatewayConfig withTapis = GatewayConfig.load(settings("GATEWAY_HPC_TAPIS_BASE_URL", "https://tacc.tapis.io"));
        assertThat(withTapis.hpc().tapisTrustEventBody()).isFalse();
        assertThat(withTapis.hpc().lookupThreads()).isEqualTo(2);
        assertThat(GatewayConfig.load(settings("GATEWAY_HPC_TAPIS_BASE_URL", "https://tacc.tapis.io",
                "GATEWAY_HPC_TAPIS_TRUST_EVENT_BODY", "true")).hpc().tapisTrustEventBody()).isTrue();
        assertThatThrownBy(() -> GatewayConfig.load(settings("GATEWAY_HPC_TAPIS_TRUST_EVENT_BODY", "false")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("GATEWAY_HPC_TAPIS_TRUST_EVENT_BODY: false needs GATEWAY_HPC_TAPIS_BASE_URL to read jobs from");
    }

    @Test
    void theRecheckIntervalHasItsDocumentedMinimum() {
        assertThatThrownBy(() -> GatewayConfig.load(settings("GATEWAY_HPC_RECHECK_AFTER_SECONDS", "59")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEWAY_HPC_RECHECK_AFTER_SECONDS: must be between 60 and 2592000");
    }

    @Test
    void loadFailsNamingTheSettingWhenANumberIsMalformed() {
        assertThatThrownBy(() -> GatewayConfig.load(settings("GATEWAY_MAX_BODY_BYTES", "lots")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("GATEWAY_MAX_BODY_BYTES: must be a whole number, got 'lots'");
    }

    @Test
    void loadFailsWhenANumberIsOutOfRange() {
        assertThatThrownBy(() -> GatewayConfig.load(settings("GATEWAY_DB_POOL_SIZE", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEWAY_DB_POOL_SIZE: must be between 1 and 500");
    }

    @Test
    void loadFailsWhenTheUrlIsNotPostgres() {
        assertThatThrownBy(() -> GatewayConfig.load(settings("GATEWAY_DB_URL", "jdbc:h2:mem:x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEWAY_DB_URL: must be a PostgreSQL JDBC URL");
    }

    @Test
    void theListenConnectionIsThePoolsUnlessAUrlIsSetAndTakesTheMainCredentialsUnlessItsOwn() {
        assertThat(GatewayConfig.load(settings("GATEWAY_DB_URL", "jdbc:postgresql://pgbouncer:6432/gateway"))
                .database().listen()).isEmpty();

        ListenConfig inherited = GatewayConfig.load(settings(
                "GATEWAY_DB_URL", "jdbc:postgresql://pgbouncer:6432/gateway?prepareThreshold=0",
                "GATEWAY_DB_USER", "gateway",
                "GATEWAY_DB_PASSWORD", "s3cret",
                "GATEWAY_DB_LISTEN_URL", "jdbc:postgresql://db1:5432,db2:5432/gateway?targetServerType=primary"))
                .database().listen().orElseThrow();
        assertThat(inherited.url()).isEqualTo("jdbc:postgresql://db1:5432,db2:5432/gateway?targetServerType=primary");
        assertThat(inherited.user()).contains("gateway");
        assertThat(inherited.password().map(Secret::reveal)).contains("s3cret");

        ListenConfig own = GatewayConfig.load(settings(
                "GATEWAY_DB_USER", "gateway",
                "GATEWAY_DB_PASSWORD", "s3cret",
                "GATEWAY_DB_LISTEN_URL", "jdbc:postgresql://db:5432/gateway",
                "GATEWAY_DB_LISTEN_USER", "listener",
                "GATEWAY_DB_LISTEN_PASSWORD", "other"))
                .database().listen().orElseThrow();
        assertThat(own.user()).contains("listener");
        assertThat(own.password().map(Secret::reveal)).contains("other");
    }

    @Test
    void loadFailsWhenTheListenSettingsAreBad() {
        assertThatThrownBy(() -> GatewayConfig.load(settings("GATEWAY_DB_LISTEN_URL", "postgres://db/gateway")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEWAY_DB_LISTEN_URL: must be a PostgreSQL JDBC URL");
        assertThatThrownBy(() -> GatewayConfig.load(settings("GATEWAY_DB_LISTEN_PASSWORD", "s3cret")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("GATEWAY_DB_LISTEN_PASSWORD: is only read with GATEWAY_DB_LISTEN_URL, which is not set");
    }

    @Test
    void toStringRedactsTheListenPasswordAndUrlParameters() {
        GatewayConfig config = GatewayConfig.load(settings(
                "GATEWAY_DB_LISTEN_URL", "jdbc:postgresql://db/gateway?password=hunter2",
                "GATEWAY_DB_LISTEN_PASSWORD", "s3cret"));

        assertThat(config.toString())
                .doesNotContain("s3cret")
                .doesNotContain("hunter2")
                .contains("listen=ListenConfig[url=jdbc:postgresql://db/gateway?********");
    }

    @Test
    void loadFailsWhenABooleanIsMalformed() {
        assertThatThrownBy(() -> GatewayConfig.load(settings("GATEWAY_DB_MIGRATE", "maybe")))
                .hasMessage("GATEWAY_DB_MIGRATE: must be true or false, got 'maybe'");
    }

    @Test
    void toStringRedactsPasswordAndUrlParameters() {
        GatewayConfig config = GatewayConfig.load(settings(
                "GATEWAY_DB_URL", "jdbc:postgresql://db/gateway?user=u&password=hunter2",
                "GATEWAY_DB_PASSWORD", "s3cret"));

        assertThat(config.toString())
                .doesNotContain("s3cret")
                .doesNotContain("hunter2")
                .doesNotContain(KEY)
                .contains("jdbc:postgresql://db/gateway?********");
    }

    @Test
    void firstSourceWithAValueWins() {
        ConfigSource environment = ConfigSource.of(Map.of("GATEWAY_DB_POOL_SIZE", "3", "JWT_SIGNING_KEY", KEY));
        ConfigSource context = ConfigSource.of(Map.of("GATEWAY_DB_POOL_SIZE", "7", "GATEWAY_MAX_BODY_BYTES", "4096"));
        ConfigSource blank = ConfigSource.of(Map.of("GATEWAY_RETRY_AFTER_SECONDS", " "));

        GatewayConfig config = GatewayConfig.load(ConfigSource.firstOf(List.of(blank, environment, context)));

        assertThat(config.database().poolSize()).isEqualTo(3);
        assertThat(config.maxBodyBytes()).isEqualTo(4096);
        assertThat(config.retryAfterSeconds()).isEqualTo(5);
    }

    @Test
    void loadFailsWithoutASigningKey() {
        assertThatThrownBy(() -> GatewayConfig.load(ConfigSource.of(Map.of())))
                .hasMessageStartingWith("GATEWAY_JWT_SIGNING_KEY: not set");
    }

    @Test
    void loadFailsWithAShortSigningKey() {
        assertThatThrownBy(() -> GatewayConfig.load(settings("GATEWAY_JWT_SIGNING_KEY", "short")))
                .hasMessage("GATEWAY_JWT_SIGNING_KEY: must be at least 32 bytes long");
    }

    @Test
    void loadFailsWhenOnlyPartOfTheIdentityProviderIsSet() {
        assertThatThrownBy(() -> GatewayConfig.load(settings("GATEWAY_OIDC_ISSUER", "https://idp")))
                .hasMessageStartingWith("GATEWAY_OIDC_CLIENT_ID: not set");
    }

    @Test
    void consoleSignInNeedsOnlyTheIssuerAndTheClientIdAndDiscoversTheRest() {
        IdentityProviderConfig provider = GatewayConfig.load(settings("GATEWAY_OIDC_ISSUER", "https://idp.example.org/realms/site",
                "GATEWAY_OIDC_CLIENT_ID", "gateway-console")).auth().identityProvider().orElseThrow();

        assertThat(provider.consoleClientId()).hasValue("gateway-console");
        assertThat(provider.jwksUrl()).isEmpty();
        assertThat(provider.accessTokenAudience()).isEmpty();
        assertThat(provider.adminGroup()).isEmpty();
        assertThat(provider.scopes()).isEqualTo("openid profile");
        assertThat(provider.usernameClaim()).isEqualTo("preferred_username");
        assertThat(provider.rolesClaim()).isEqualTo("groups");
        assertThat(provider.keyCacheSeconds()).isEqualTo(300);
        assertThat(provider.discoveryUrl()).hasToString("https://idp.example.org/realms/site/.well-known/openid-configuration");
    }

    @Test
    void loadFailsWhenAnIdentityProviderSettingComesWithoutTheIssuer() {
        assertThatThrownBy(() -> GatewayConfig.load(settings("GATEWAY_OIDC_ADMIN_GROUP", "admins")))
                .hasMessageStartingWith("GATEWAY_OIDC_ISSUER: not set");
    }

    @Test
    void loadFailsWhenTheScopesLeaveOutOpenid() {
        assertThatThrownBy(() -> GatewayConfig.load(settings("GATEWAY_OIDC_ISSUER", "https://idp",
                "GATEWAY_OIDC_CLIENT_ID", "console", "GATEWAY_OIDC_SCOPES", "profile email")))
                .hasMessageStartingWith("GATEWAY_OIDC_SCOPES: must include openid");
    }

    @Test
    void loadFailsWhenTheBootstrapHashIsNotBcrypt() {
        assertThatThrownBy(() -> GatewayConfig.load(settings("GATEWAY_BOOTSTRAP_ADMIN_ID", "admin",
                "GATEWAY_BOOTSTRAP_ADMIN_KEY_HASH", "plaintext-key")))
                .hasMessageStartingWith("GATEWAY_BOOTSTRAP_ADMIN_KEY_HASH: must be a bcrypt hash")
                .hasMessageNotContaining("plaintext-key");
    }

    @Test
    void loadFailsWhenThePublicBaseUrlIsNotAbsolute() {
        assertThatThrownBy(() -> GatewayConfig.load(settings("GATEWAY_PUBLIC_BASE_URL", "gateway.example.org")))
                .hasMessageStartingWith("GATEWAY_PUBLIC_BASE_URL: must be an absolute http(s) URL");
    }
}
