package org.callbackgateway.callbacks.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callbackgateway.callbacks.SignedGateway.assertAccepted;
import static org.callbackgateway.callbacks.SignedGateway.assertRefused;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import org.callbackgateway.callbacks.SignedDelivery;
import org.callbackgateway.callbacks.SignedGateway;
import org.callbackgateway.callbacks.sources.NewSecret;
import org.callbackgateway.callbacks.sources.NewSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway with {@code GATEWAY_FORGE_SECRETS_DIR}: forge secrets come from the whck directory, not the
 * database; the gateway re-reads it on every request here (no source cache).
 */
class ForgeSecretsDirectoryIT {
    private static final String REPO = "https://forge.example.org/snow-dog/wc";
    private static final String FILE_SECRET = "file-secret-0123456789";
    private static final String DATABASE_SECRET = "database-secret-0123456789";

    @TempDir
    static Path secrets;
    private static SignedGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = SignedGateway.start("forge_dir_it", Map.of("GATEWAY_FORGE_SECRETS_DIR", secrets.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @BeforeEach
    void registerForgesWithDatabaseSecrets() {
        for (String forge : new String[] {"github", "gitea", "gitlab"}) {
            gateway.reset(new NewSource(forge, null, null, null, false, null));
            gateway.sources().addSecret(forge, new NewSecret(null, null, DATABASE_SECRET, null, null), "test");
            gateway.sources().addSecret(forge, new NewSecret(REPO, null, DATABASE_SECRET, null, null), "test");
        }
    }

    private static Path secretFile(String url, String secret, String mode) throws IOException {
        Path file = secrets.resolve(HexFormat.of().formatHex(url.getBytes(StandardCharsets.UTF_8)));
        Files.writeString(file, secret + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static String push(String repository) {
        return "{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"snow-dog/wc\",\"html_url\":\""
                + repository + "\"}}";
    }

    @Test
    void theRepositorysFileSecretVerifiesAndTheDatabaseSecretsDoNot() throws IOException {
        secretFile(REPO, FILE_SECRET, "rw-------");

        assertAccepted(SignedDelivery.github().body(push(REPO)).secret(FILE_SECRET).send(gateway.base()));
        assertThat(gateway.latest("github").verificationDetail())
                .contains(ForgeSecretsDirectory.keyId(HexFormat.of().formatHex(REPO.getBytes(StandardCharsets.UTF_8)))
                        .toString());
        assertAccepted(SignedDelivery.gitea().body(push(REPO)).secret(FILE_SECRET).send(gateway.base()));
        assertRefused(SignedDelivery.github().body(push(REPO)).secret(DATABASE_SECRET).send(gateway.base()));
    }

    @Test
    void aRepositoryWithoutAFileIsRefusedWhateverTheDatabaseHolds() throws IOException {
        secretFile(REPO, FILE_SECRET, "rw-------");
        String other = "https://forge.example.org/other/repo";

        assertRefused(SignedDelivery.gitea().body(push(other)).secret(DATABASE_SECRET).send(gateway.base()));
        assertRefused(SignedDelivery.gitea().body(push(other)).secret(FILE_SECRET).send(gateway.base()));
        assertThat(gateway.latest("gitea").verificationDetail()).contains("no active secret");
    }

    @Test
    void gitLabTokensAreFoundByTheProjectsGitHttpUrl() throws IOException {
        secretFile(REPO + ".git", FILE_SECRET, "rw-------");
        String event = "{\"object_kind\":\"push\",\"project\":{\"git_http_url\":\"" + REPO + ".git\",\"web_url\":\""
                + REPO + "-web\"}}";

        assertAccepted(SignedDelivery.gitlab().body(event).secret(FILE_SECRET).send(gateway.base()));
        assertRefused(SignedDelivery.gitlab().body(event).secret(DATABASE_SECRET).send(gateway.base()));
    }

    @Test
    void aFileOtherUsersCanReadIsLeftOutUntilItIsMadePrivate() throws IOException {
        Path file = secretFile(REPO, FILE_SECRET, "rw-r--r--");
        assertRefused(SignedDelivery.github().body(push(REPO)).secret(FILE_SECRET).send(gateway.base()));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertAccepted(SignedDelivery.github().body(push(REPO)).secret(FILE_SECRET).send(gateway.base()));
    }

    @Test
    void otherSourcesStillUseTheDatabase() {
        gateway.reset(new NewSource("billing", null, null, null, false, null));
        String whsec = SignedGateway.newKey(SignedDelivery.Sender.STANDARD).registered();
        gateway.sources().addSecret("billing", new NewSecret(null, null, whsec, null, null), "test");

        assertAccepted(SignedDelivery.standard("billing").body("{\"type\":\"invoice.paid\"}").secret(whsec)
                .send(gateway.base()));
    }
}
