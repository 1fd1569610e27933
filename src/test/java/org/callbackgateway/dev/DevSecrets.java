package org.callbackgateway.dev;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.callbackgateway.auth.ClientKeys;

/**
 * The development server's token signing key and admin client, generated once and kept beside its data so that
 * tokens and credentials survive restarts. For development only: production keys come from the operator.
 */
record DevSecrets(String signingKey, String encryptionKeys, String adminId, String adminKey, String adminKeyHash) {

    static DevSecrets loadOrCreate(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
        } else {
            String adminKey = ClientKeys.generate();
            properties.setProperty("signing-key", ClientKeys.generate());
            byte[] encryptionKey = new byte[32];
            new java.security.SecureRandom().nextBytes(encryptionKey);
            properties.setProperty("encryption-keys", "dev-1:" + java.util.Base64.getEncoder().encodeToString(encryptionKey));
            properties.setProperty("admin-id", "dev-admin");
            properties.setProperty("admin-key", adminKey);
            properties.setProperty("admin-key-hash", new ClientKeys(10).hash(adminKey));
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                properties.store(out, "development server secrets; delete this file to make new ones");
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return new DevSecrets(properties.getProperty("signing-key"), properties.getProperty("encryption-keys"),
                properties.getProperty("admin-id"),
                properties.getProperty("admin-key"), properties.getProperty("admin-key-hash"));
    }
}
