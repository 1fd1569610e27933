package org.callbackgateway.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.config.OAuthApiConfig;
import org.callbackgateway.web.ApiException;
import org.callbackgateway.web.ErrorBody;
import org.callbackgateway.web.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps 5 and 10, {@code GET /oauth/callback/{api}}: where the provider sends the browser back. Completes the
 * exchange for the state's user, then sends the browser (303) to the API's UI URL with the {@code state_info}, or
 * with {@code error}, {@code error_description} and {@code api_name}.
 */
public final class OAuthCallbackServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(OAuthCallbackServlet.class);
    private static final String ERROR_CODE_PATTERN = "^[A-Za-z0-9_.-]{1,64}$";
    private static final int MAX_DESCRIPTION = 256;

    private final transient OAuthApis apis;
    private final transient CodeExchangeService codeExchange;
    private final transient ObjectMapper mapper;

    public OAuthCallbackServlet(OAuthApis apis, CodeExchangeService codeExchange, ObjectMapper mapper) {
        this.apis = apis;
        this.codeExchange = codeExchange;
        this.mapper = mapper;
    }

    /** Only GET (and HEAD, OPTIONS) are served; any other method, even one HTTP does not define, is the 405 envelope. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            super.service(request, response);
            return;
        }
        response.setHeader("Allow", "GET, HEAD, OPTIONS");
        writeError(response, new ApiException(405, ErrorCode.ERR_NOT_ALLOWED, "method not allowed"));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The query carries a code and a state: keep this page out of caches and other sites' Referer headers.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Optional<OAuthApiConfig> found = path.matches("^/[^/]+$") ? apis.find(path.substring(1)) : Optional.empty();
        if (found.isEmpty()) {
            // No API, so no UI URL to return to.
            writeError(response, ApiException.notFound("unknown API"));
            return;
        }
        OAuthApiConfig api = found.get();
        String error = parameter(request, "error");
        String code = parameter(request, "code");
        String state = parameter(request, "state");
        if (error != null) {
            String providerError = error.matches(ERROR_CODE_PATTERN) ? error : "general_service_error";
            String description = Optional.ofNullable(parameter(request, "error_description"))
                    .map(OAuthCallbackServlet::printable).orElse("authorization was not granted");
            LOG.info("{} answered the authorization request with error {}", api.name(), providerError);
            redirect(response, UiRedirects.withError(api.uiUrl(), providerError, description, api.name()));
        } else if (code == null) {
            redirect(response, UiRedirects.withError(api.uiUrl(), "no_auth_code_provided",
                    "no authorization code was provided", api.name()));
        } else if (state == null) {
            redirect(response, UiRedirects.withError(api.uiUrl(), "no_state_id_provided",
                    "no state identifier was provided", api.name()));
        } else {
            redirect(response, exchange(api, state, code));
        }
    }

    private String exchange(OAuthApiConfig api, String state, String code) {
        try {
            return UiRedirects.withStateInfo(api.uiUrl(), codeExchange.complete(api, state, code, Optional.empty()));
        } catch (StateRefusedException e) {
            // Its message names the state; the browser's URL must not.
            LOG.info("{} callback refused: {}", api.name(), e.reason().description());
            return failure(api, e.reason().description());
        } catch (ApiException e) {
            return failure(api, e.getMessage());
        } catch (RuntimeException e) {
            String errorId = UUID.randomUUID().toString();
            LOG.error("{} callback failed, error id {}: {}", api.name(), errorId, e.toString());
            return failure(api, "internal error, id " + errorId);
        }
    }

    private static String failure(OAuthApiConfig api, String description) {
        return UiRedirects.withError(api.uiUrl(), "general_service_error", description, api.name());
    }

    private static void redirect(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }

    private void writeError(HttpServletResponse response, ApiException error) throws IOException {
        response.setStatus(error.status());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        mapper.writeValue(response.getOutputStream(), ErrorBody.of(error.code(), error.getMessage()));
    }

    private static String parameter(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** The provider's description, without control characters and bounded; it is encoded when placed in the URL. */
    private static String printable(String text) {
        String cleaned = text.replaceAll("\\p{Cntrl}", " ").strip();
        return cleaned.length() > MAX_DESCRIPTION ? cleaned.substring(0, MAX_DESCRIPTION) : cleaned;
    }
}
