package org.callbackgateway.console;

import jakarta.servlet.http.HttpServlet;
import java.util.List;

/**
 * The operator console: static pages under {@code <context>/console/} that call the JSON API, served with a strict
 * Content-Security-Policy, and the redirect of {@code <context>/} to them.
 */
public final class ConsoleModule {
    /** Where the console's files are in the web application, and the servlet mapping that serves them. */
    public static final String MAPPING = "/console/*";

    /** The Jersey resources: the redirect of the application's root to the console. */
    public List<Object> resources() {
        return List.of(new RootRedirectResource());
    }

    /** Serves the console's files from the web application's {@code console/} folder. */
    public HttpServlet assetsServlet() {
        return new ConsoleAssetsServlet();
    }
}
