package org.callbackgateway.forwarding;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses the gateway may connect to when it forwards events: public ones, and loopback or private ones
 * only when the operator allows them ({@code GATEWAY_SUBSCRIPTIONS_ALLOW_PRIVATE}), so that a subscription cannot
 * make the gateway call into the operator's own network. Link-local (cloud metadata), multicast and unspecified
 * addresses are never allowed.
 */
public final class AddressPolicy {
    private final boolean allowPrivate;

    public AddressPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public boolean allowPrivate() {
        return allowPrivate;
    }

    /** Null when the gateway may connect to {@code address}, else why not. */
    public String refusal(InetAddress address) {
        InetAddress effective = unmapped(address);
        if (effective.isAnyLocalAddress() || effective.isMulticastAddress() || effective.isLinkLocalAddress()
                || isReservedV4(effective)) {
            return effective.getHostAddress() + " is not a routable address";
        }
        if (isPrivate(effective) && !allowPrivate) {
            return effective.getHostAddress() + " is a loopback or private address";
        }
        return null;
    }

    /** Loopback, RFC 1918, carrier-grade NAT or IPv6 unique-local. */
    public static boolean isPrivate(InetAddress address) {
        InetAddress effective = unmapped(address);
        if (effective.isLoopbackAddress() || effective.isSiteLocalAddress()) {
            return true;
        }
        byte[] bytes = effective.getAddress();
        if (effective instanceof Inet4Address) {
            return (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        }
        return (bytes[0] & 0xfe) == 0xfc;
    }

    private static boolean isReservedV4(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        int first = address.getAddress()[0] & 0xff;
        return first == 0 || first >= 240;
    }

    /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is judged as the IPv4 address it maps. */
    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            if (mapped && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
                try {
                    return InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
                } catch (java.net.UnknownHostException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
        }
        return address;
    }
}
