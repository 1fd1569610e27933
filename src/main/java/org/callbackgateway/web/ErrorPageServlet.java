package org.callbackgateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers errors raised by the servlet container itself (outside Jersey) with the JSON envelope, never an HTML page.
 */
public final class ErrorPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = Json.newMapper();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Reached directly rather than as an error page: there is nothing here.
        int status = statusAttribute instanceof Integer code ? code : 404;
        String message = status >= 500 ? "internal error" : "request refused";
        if (status == 404) {
            message = "not found";
        } else if (status == 413) {
            message = "request body too large";
        }
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        MAPPER.writeValue(response.getOutputStream(), ErrorBody.of(ErrorResponses.codeFor(status), message));
    }
}
