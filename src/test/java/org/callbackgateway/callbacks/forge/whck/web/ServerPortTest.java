package org.callbackgateway.callbacks.forge.whck.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerPortTest {
    @Test
    void forgehookPortComesBeforeTheArgument() {
        assertThat(ServerPort.resolve(Map.of("FORGEHOOKPORT", "8081"), new String[] {"9090"})).isEqualTo(8081);
        assertThat(ServerPort.resolve(Map.of("FORGEHOOKPORT", " "), new String[] {"9090"})).isEqualTo(9090);
        assertThat(ServerPort.resolve(Map.of(), new String[] {"65535"})).isEqualTo(65535);
    }

    @Test
    void noPortOrABadOneIsAUsageError() {
        for (String bad : new String[] {"0", "65536", "-1", "+80", "80x", "http"}) {
            assertThatThrownBy(() -> ServerPort.resolve(Map.of("FORGEHOOKPORT", bad), new String[0]))
                    .isInstanceOfSatisfying(ServerStartException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                    .hasMessageContaining("FORGEHOOKPORT");
            assertThatThrownBy(() -> ServerPort.resolve(Map.of(), new String[] {bad}))
                    .isInstanceOf(ServerStartException.class);
        }
        assertThatThrownBy(() -> ServerPort.resolve(Map.of(), new String[0])).hasMessageContaining("no port");
        assertThatThrownBy(() -> ServerPort.resolve(Map.of(), new String[] {"80", "81"}))
                .isInstanceOf(ServerStartException.class);
    }
}
