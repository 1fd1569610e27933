package org.callbackgateway.console;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the console's static files from the web application's {@code console/} folder, on the console's own
 * mapping (Jersey holds {@code /*}, so the container's default servlet never sees these paths). Only plain file
 * names of known types are served; anything else is a 404 with the JSON envelope.
 */
final class ConsoleAssetsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient SecurityHeaders securityHeaders;
    private static final Pattern SAFE_PATH = Pattern.compile("^(/[A-Za-z0-9_-][A-Za-z0-9._-]{0,100}){1,4}$");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=UTF-8",
            "js", "text/javascript;charset=UTF-8",
            "css", "text/css;charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "txt", "text/plain;charset=UTF-8");

    ConsoleAssetsServlet(SecurityHeaders securityHeaders) {
        this.securityHeaders = securityHeaders;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) {
            // "/console": relative links of the page need the trailing slash.
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", request.getContextPath() + "/console/");
            return;
        }
        if (path.equals("/")) {
            path = "/index.html";
        }
        String type = SAFE_PATH.matcher(path).matches() && !path.contains("..") ? TYPES.get(extension(path)) : null;
        byte[] content = type == null ? null : read("/console" + path);
        if (content == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String etag = '"' + digest(content) + '"';
        securityHeaders.apply(response);
        // Revalidated on every load, so a new WAR's files are picked up at once; unchanged ones cost a 304.
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("ETag", etag);
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(type);
        response.setContentLength(content.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(content);
        }
    }

    private byte[] read(String resource) throws IOException {
        try (InputStream in = getServletContext().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1);
    }

    private static String digest(byte[] content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
