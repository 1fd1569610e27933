package org.callbackgateway.forwarding;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * The forwarding HTTP client's resolver: the client connects only to the addresses this answers, and it answers
 * only those the {@link AddressPolicy} allows. The check is therefore made on the address actually connected to,
 * at connection time; a name that resolved to a public address when the subscription was made and to a private
 * one now (DNS rebinding) is refused.
 */
final class GuardedResolver implements SocketAddressResolver {
    private final AddressPolicy policy;
    private final Executor executor;

    GuardedResolver(AddressPolicy policy, Executor executor) {
        this.policy = policy;
        this.executor = executor;
    }

    /** Why no address of {@code host} may be connected to. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String message) {
            super(message);
        }
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        executor.execute(() -> {
            try {
                promise.succeeded(allowed(host, port));
            } catch (UnknownHostException e) {
                promise.failed(e);
            }
        });
    }

    List<InetSocketAddress> allowed(String host, int port) throws UnknownHostException {
        List<InetSocketAddress> allowed = new ArrayList<>();
        String refusal = null;
        for (InetAddress address : InetAddress.getAllByName(host)) {
            String why = policy.refusal(address);
            if (why == null) {
                allowed.add(new InetSocketAddress(address, port));
            } else {
                refusal = why;
            }
        }
        if (allowed.isEmpty()) {
            throw new RefusedAddressException(host + ": " + refusal);
        }
        return allowed;
    }
}
