package org.callbackgateway.callbacks.tux;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A stand-in for TuxSuite's keys endpoint on embedded Jetty: {@code {"ssh": {"pub": "<OpenSSH key>"}}}.
 */
final class KeysServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final AtomicReference<String> publicKey = new AtomicReference<>("");
    private final List<String> requests = new CopyOnWriteArrayList<>();

    KeysServer() throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                requests.add(request.getHttpURI().getPath());
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                Content.Sink.write(response, true, "{\"ssh\": {\"pub\": \"" + publicKey.get() + "\"}}", callback);
                return true;
            }
        });
        server.start();
    }

    /** What the endpoint serves from now on. */
    void serve(String openSshKey) {
        publicKey.set(openSshKey);
    }

    /** The keys URL template as an operator configures it. */
    String template() {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/v1/groups/{group}/projects/{project}/keys";
    }

    URI uri(String group, String project) {
        return URI.create(template().replace("{group}", group).replace("{project}", project));
    }

    List<String> requests() {
        return requests;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
