package org.callbackgateway.auth;

/**
 * Prints a fresh client key and its bcrypt hash, to create the first admin client without an existing one.
 *
 * <pre>mvn -q compile exec:java -Dexec.mainClass=org.callbackgateway.auth.ClientKeyTool -Dexec.args=admin</pre>
 */
public final class ClientKeyTool {
    private ClientKeyTool() {
    }

    public static void main(String[] args) {
        String clientId = args.length > 0 ? args[0] : "admin";
        int cost = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String key = ClientKeys.generate();
        String hash = new ClientKeys(cost).hash(key);
        System.out.println("# Give the gateway these two settings (the hash is not secret, the key is):");
        System.out.println("GATEWAY_BOOTSTRAP_ADMIN_ID=" + clientId);
        System.out.println("GATEWAY_BOOTSTRAP_ADMIN_KEY_HASH='" + hash + "'");
        System.out.println("# Keep this key; it is shown only here:");
        System.out.println("client_key=" + key);
    }
}
