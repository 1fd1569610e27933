package org.callbackgateway.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The headers every console file is served with. The policy allows only the console's own scripts, styles and
 * API calls: no inline script or style, no {@code eval}, no plugins, no framing, and (Trusted Types with no
 * policy) no assignment of strings to HTML sinks such as {@code innerHTML}, so a stored payload can only ever be
 * shown as text.
 */
final class SecurityHeaders {
    private final Supplier<List<String>> connectOrigins;

    /** With the origins, besides the gateway's own, that the pages may call (the identity provider's). */
    SecurityHeaders(Supplier<List<String>> connectOrigins) {
        this.connectOrigins = connectOrigins;
    }

    String contentSecurityPolicy() {
        List<String> connect = new ArrayList<>(List.of("'self'"));
        connect.addAll(connectOrigins.get());
        return String.join("; ",
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self'",
                "connect-src " + String.join(" ", connect),
                "base-uri 'none'",
                "form-action 'none'",
                "frame-ancestors 'none'",
                "require-trusted-types-for 'script'",
                "trusted-types 'none'");
    }

    void apply(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    }
}
