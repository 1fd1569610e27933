package org.callbackgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

    @Test
    void loadUsesDefaultsWhenNothingIsSet() {
        GatewayConfig config = GatewayConfig.load(ConfigSource.of(Map.of()));

        assertThat(config.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(config.retryAfterSeconds()).isEqualTo(5);
        assertThat(config.database().jndiName()).isEqualTo("jdbc/CallbackGateway");
        assertThat(config.database().url()).isEmpty();
        assertThat(config.database().migrate()).isTrue();
        assertThat(config.database().poolSize()).isEqualTo(10);
    }

    @Test
    void loadReadsEverySetting() {
        GatewayConfig config = GatewayConfig.load(ConfigSource.of(Map.of(
                "GATEWAY_DB_URL", "jdbc:postgresql://db:5432/gateway",
                "GATEWAY_DB_USER", "gateway",
                "GATEWAY_DB_PASSWORD", "s3cret",
                "GATEWAY_DB_POOL_SIZE", "4",
                "GATEWAY_DB_MIGRATE", "false",
                "GATEWAY_MAX_BODY_BYTES", "2048",
                "GATEWAY_RETRY_AFTER_SECONDS", "30")));

        assertThat(config.database().url()).contains("jdbc:postgresql://db:5432/gateway");
        assertThat(config.database().user()).contains("gateway");
        assertThat(config.database().password().map(Secret::reveal)).contains("s3cret");
        assertThat(config.database().poolSize()).isEqualTo(4);
        assertThat(config.database().migrate()).isFalse();
        assertThat(config.maxBodyBytes()).isEqualTo(2048);
        assertThat(config.retryAfterSeconds()).isEqualTo(30);
    }

    @Test
    void loadFailsNamingTheSettingWhenANumberIsMalformed() {
        assertThatThrownBy(() -> GatewayConfig.load(ConfigSource.of(Map.of("GATEWAY_MAX_BODY_BYTES", "lots"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("GATEWAY_MAX_BODY_BYTES: must be a whole number, got 'lots'");
    }

    @Test
    void loadFailsWhenANumberIsOutOfRange() {
        assertThatThrownBy(() -> GatewayConfig.load(ConfigSource.of(Map.of("GATEWAY_DB_POOL_SIZE", "0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEWAY_DB_POOL_SIZE: must be between 1 and 500");
    }

    @Test
    void loadFailsWhenTheUrlIsNotPostgres() {
        assertThatThrownBy(() -> GatewayConfig.load(ConfigSource.of(Map.of("GATEWAY_DB_URL", "jdbc:h2:mem:x"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GATEWAY_DB_URL: must be a PostgreSQL JDBC URL");
    }

    @Test
    void loadFailsWhenABooleanIsMalformed() {
        assertThatThrownBy(() -> GatewayConfig.load(ConfigSource.of(Map.of("GATEWAY_DB_MIGRATE", "maybe"))))
                .hasMessage("GATEWAY_DB_MIGRATE: must be true or false, got 'maybe'");
    }

    @Test
    void toStringRedactsPasswordAndUrlParameters() {
        GatewayConfig config = GatewayConfig.load(ConfigSource.of(Map.of(
                "GATEWAY_DB_URL", "jdbc:postgresql://db/gateway?user=u&password=hunter2",
                "GATEWAY_DB_PASSWORD", "s3cret")));

        assertThat(config.toString())
                .doesNotContain("s3cret")
                .doesNotContain("hunter2")
                .contains("jdbc:postgresql://db/gateway?********");
    }

    @Test
    void firstSourceWithAValueWins() {
        ConfigSource environment = ConfigSource.of(Map.of("GATEWAY_DB_POOL_SIZE", "3"));
        ConfigSource context = ConfigSource.of(Map.of("GATEWAY_DB_POOL_SIZE", "7", "GATEWAY_MAX_BODY_BYTES", "4096"));
        ConfigSource blank = ConfigSource.of(Map.of("GATEWAY_RETRY_AFTER_SECONDS", " "));

        GatewayConfig config = GatewayConfig.load(ConfigSource.firstOf(List.of(blank, environment, context)));

        assertThat(config.database().poolSize()).isEqualTo(3);
        assertThat(config.maxBodyBytes()).isEqualTo(4096);
        assertThat(config.retryAfterSeconds()).isEqualTo(5);
    }
}
