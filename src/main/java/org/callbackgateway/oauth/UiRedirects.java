package org.callbackgateway.oauth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the URLs the browser callback sends the user back to: the configured UI URL with a query added before
 * any fragment, every character that does not belong in a query percent-encoded.
 */
final class UiRedirects {
    private static final String HEX = "0123456789ABCDEF";

    private UiRedirects() {
    }

    /** Success: {@code state_info} becomes the query string, as the DE did. */
    static String withStateInfo(URI uiUrl, String stateInfo) {
        return withQuery(uiUrl, escapeQuery(stateInfo));
    }

    /** Failure: {@code error}, {@code error_description} and {@code api_name}, each form-encoded. */
    static String withError(URI uiUrl, String error, String description, String apiName) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error);
        parameters.put("error_description", description);
        parameters.put("api_name", apiName);
        return withQuery(uiUrl, parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    private static String withQuery(URI uiUrl, String query) {
        String url = uiUrl.toString();
        if (query.isEmpty()) {
            return url;
        }
        int hash = url.indexOf('#');
        String beforeFragment = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String separator = uiUrl.getRawQuery() == null ? "?" : "&";
        return beforeFragment + separator + query + fragment;
    }

    /**
     * Keeps what may stand in a query (RFC 3986 section 3.4) and well-formed {@code %XX} escapes, so that a
     * {@code state_info} like {@code a=1&b=2} arrives as written; encodes everything else as UTF-8, so that no
     * space, quote, angle bracket, line break or {@code #} of it reaches the header or the page unescaped.
     */
    static String escapeQuery(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (isQueryCharacter(b) || (b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]))) {
                escaped.append((char) b);
            } else {
                escaped.append('%').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 0xf));
            }
        }
        return escaped.toString();
    }

    private static boolean isQueryCharacter(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || "-._~!$&'()*+,;=:@/?".indexOf(b) >= 0;
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
