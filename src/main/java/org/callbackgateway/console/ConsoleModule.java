package org.callbackgateway.console;

import jakarta.servlet.http.HttpServlet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.callbackgateway.web.FeatureModule;

/**
 * The operator console: static pages under {@code <context>/console/} that call the JSON API, served with a strict
 * Content-Security-Policy, and the redirect of {@code <context>/} to them. It needs no service of its own: the
 * pages use the other features' public API, with the signed-in operator's token.
 */
public final class ConsoleModule implements FeatureModule {
    /** The servlet mapping of the console's files, which are in the web application's {@code console/} folder. */
    public static final String MAPPING = "/console/*";

    private final SecurityHeaders securityHeaders;

    /** With the origins, besides the gateway's own, that the pages may call (the identity provider's). */
    public ConsoleModule(Supplier<List<String>> connectOrigins) {
        this.securityHeaders = new SecurityHeaders(connectOrigins);
    }

    /** The redirect of the application's root to the console. */
    @Override
    public List<Object> resources() {
        return List.of(new RootRedirectResource());
    }

    /** The console's files; more specific than Jersey's {@code /*}, so these paths reach this servlet. */
    @Override
    public Map<String, HttpServlet> servlets() {
        return Map.of(MAPPING, new ConsoleAssetsServlet(securityHeaders));
    }
}
