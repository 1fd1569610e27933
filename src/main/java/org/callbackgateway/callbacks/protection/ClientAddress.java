package org.callbackgateway.callbacks.protection;

import java.util.List;
import java.util.Optional;
import org.callbackgateway.config.Cidr;

/**
 * The address a request came from. Behind a load balancer every peer is the balancer, so {@code X-Forwarded-For}
 * is read, but only from a trusted proxy (anyone else could write it): walking it from the right, past the
 * trusted proxies, the first other address is the client's. A malformed entry stops the walk there.
 */
final class ClientAddress {
    private ClientAddress() {
    }

    /** The client's address bytes; empty when even the peer's address is not a literal address. */
    static Optional<byte[]> of(String peer, List<String> forwardedFor, List<Cidr> trustedProxies) {
        Optional<byte[]> current = Cidr.numericAddress(peer);
        if (current.isEmpty() || !trusted(current.get(), trustedProxies)) {
            return current;
        }
        List<String> hops = forwardedFor.stream().flatMap(header -> List.of(header.split(",")).stream())
                .map(String::trim).filter(hop -> !hop.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<byte[]> hop = Cidr.numericAddress(hops.get(i));
            if (hop.isEmpty()) {
                return current;
            }
            current = hop;
            if (!trusted(hop.get(), trustedProxies)) {
                return current;
            }
        }
        return current;
    }

    private static boolean trusted(byte[] address, List<Cidr> trustedProxies) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }
}
