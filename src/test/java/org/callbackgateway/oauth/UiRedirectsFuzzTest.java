package org.callbackgateway.oauth;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;

/**
 * Whatever the provider or the browser put in the OAuth callback's parameters, the redirect to the UI is one valid
 * URI on the UI's own origin, with nothing unescaped that could split the header or add a parameter.
 */
class UiRedirectsFuzzTest {
    private static final URI UI = URI.create("https://de.example.test/de/?view=apps");

    @FuzzTest(maxDuration = "30s")
    void redirectsStayOnTheUiAndEscapeEverything(FuzzedDataProvider data) {
        String first = data.consumeString(300);
        String second = data.consumeString(300);
        String third = data.consumeRemainingAsString();

        check(UiRedirects.withStateInfo(UI, first));
        check(UiRedirects.withError(UI, first, second, third));
    }

    private static void check(String location) {
        URI parsed = URI.create(location);
        if (!"de.example.test".equals(parsed.getHost()) || !"https".equals(parsed.getScheme())
                || !location.startsWith("https://de.example.test/de/?view=apps")) {
            throw new AssertionError("redirect left the UI: " + location);
        }
        for (char c : location.toCharArray()) {
            if (c < 0x21 || c > 0x7e || c == '#') {
                throw new AssertionError("unescaped character " + (int) c + " in " + location);
            }
        }
    }
}
