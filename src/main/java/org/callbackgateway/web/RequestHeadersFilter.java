package org.callbackgateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.text.ParseException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.glassfish.jersey.message.internal.HttpHeaderReader;

/**
 * Refuses a request whose {@code Content-Type} or {@code Accept} header cannot be parsed, or that sends
 * {@code Content-Type} twice, with the envelope, before any servlet sees it.
 *
 * <p>Jersey parses these headers itself and answers a failure with a bare 400 before any exception mapper runs;
 * checking them first, with Jersey's own parsers, means every request Jersey would refuse so is refused here
 * instead, with a message that says which header is wrong. The OAuth callback servlet is covered too.
 */
public final class RequestHeadersFilter implements Filter {
    private final ObjectMapper mapper;

    public RequestHeadersFilter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer) {
            Optional<String> problem = problem(http);
            if (problem.isPresent()) {
                refuse(answer, problem.get());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** What is wrong with the request's headers, if anything. */
    static Optional<String> problem(HttpServletRequest request) {
        List<String> contentTypes = Collections.list(request.getHeaders("Content-Type"));
        if (contentTypes.size() > 1) {
            return Optional.of("send one Content-Type header");
        }
        if (!contentTypes.isEmpty() && !isMediaType(contentTypes.get(0))) {
            return Optional.of("malformed Content-Type header");
        }
        for (String accept : Collections.list(request.getHeaders("Accept"))) {
            if (!isAccept(accept)) {
                return Optional.of("malformed Accept header");
            }
        }
        return Optional.empty();
    }

    private static boolean isMediaType(String value) {
        if (!isAscii(value)) {
            return false;
        }
        try {
            MediaType.valueOf(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isAccept(String value) {
        if (!isAscii(value)) {
            return false;
        }
        try {
            HttpHeaderReader.readAcceptMediaType(value);
            return true;
        } catch (ParseException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Media types are tokens: printable ASCII only (a Latin-1 byte is no part of one). */
    private static boolean isAscii(String value) {
        return value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f));
    }

    private void refuse(HttpServletResponse response, String message) throws IOException {
        response.setStatus(400);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        mapper.writeValue(response.getOutputStream(), ErrorBody.of(ErrorCode.ERR_BAD_REQUEST, message));
    }
}
