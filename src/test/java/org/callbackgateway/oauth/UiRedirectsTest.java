package org.callbackgateway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UiRedirectsTest {
    private static final URI UI = URI.create("https://de.example.org/de/");

    @Test
    void stateInfoBecomesTheQueryString() {
        assertThat(UiRedirects.withStateInfo(UI, "type=agave&window=apps-1"))
                .isEqualTo("https://de.example.org/de/?type=agave&window=apps-1");
    }

    @Test
    void emptyStateInfoLeavesTheUrlAlone() {
        assertThat(UiRedirects.withStateInfo(UI, "")).isEqualTo("https://de.example.org/de/");
    }

    @Test
    void stateInfoIsAddedToAnExistingQueryAndBeforeTheFragment() {
        assertThat(UiRedirects.withStateInfo(URI.create("https://de.example.org/?app=de#/apps"), "a=1"))
                .isEqualTo("https://de.example.org/?app=de&a=1#/apps");
    }

    @Test
    void whatDoesNotBelongInAQueryIsEscaped() {
        assertThat(UiRedirects.escapeQuery("a=<b> \"c\"\r\nSet-Cookie: x#frag%zz%41é"))
                .isEqualTo("a=%3Cb%3E%20%22c%22%0D%0ASet-Cookie:%20x%23frag%25zz%41%C3%A9");
    }

    @Test
    void errorParametersAreFormEncoded() {
        assertThat(UiRedirects.withError(UI, "access_denied", "The user said <no> & left", "agave"))
                .isEqualTo("https://de.example.org/de/?error=access_denied"
                        + "&error_description=The+user+said+%3Cno%3E+%26+left&api_name=agave");
    }
}
