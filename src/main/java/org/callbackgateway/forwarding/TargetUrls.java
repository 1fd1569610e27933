package org.callbackgateway.forwarding;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.callbackgateway.web.ApiException;

/**
 * Checks a subscription's target URL when it is registered: an absolute https URL (plain http only to a loopback
 * or private address, and only when those are allowed), no user info, a host whose every address the policy
 * allows. The address is checked again at each connection ({@link GuardedResolver}).
 */
public final class TargetUrls {
    private final AddressPolicy policy;

    public TargetUrls(AddressPolicy policy) {
        this.policy = policy;
    }

    /** The URL, checked; 400 naming what is wrong otherwise. */
    public URI check(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("url is required");
        }
        if (raw.length() > 2048) {
            throw ApiException.badRequest("url is longer than 2048 characters");
        }
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("url is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.isOpaque()) {
            throw ApiException.badRequest("url must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.badRequest("url must not carry user info: use a header for credentials");
        }
        if (uri.getRawFragment() != null) {
            throw ApiException.badRequest("url must not have a fragment");
        }
        boolean allPrivate = true;
        for (InetAddress address : addresses(uri.getHost())) {
            String refusal = policy.refusal(address);
            if (refusal != null) {
                throw ApiException.badRequest("url " + refusal + " (see GATEWAY_SUBSCRIPTIONS_ALLOW_PRIVATE)");
            }
            allPrivate &= AddressPolicy.isPrivate(address);
        }
        if (scheme.equals("http") && !allPrivate) {
            throw ApiException.badRequest("url must be https (plain http only to loopback or private addresses)");
        }
        return uri;
    }

    private static InetAddress[] addresses(String host) {
        try {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            return InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw ApiException.badRequest("url host " + host + " does not resolve");
        }
    }
}
