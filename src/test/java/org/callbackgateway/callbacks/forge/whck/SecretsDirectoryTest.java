package org.callbackgateway.callbacks.forge.whck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsDirectoryTest {
    @TempDir
    Path root;

    private Path directory(String path) throws IOException {
        return Files.createDirectories(root.resolve(path));
    }

    private SecretsDirectory discover(Map<String, String> env, Path... executables) {
        return SecretsDirectory.discover(env, List.of(executables), root.resolve("home"));
    }

    @Test
    void whckDirComesFirst() throws IOException {
        Path explicit = directory("tests");
        directory("xdg/whck");
        directory("user/.config/whck");

        assertThat(discover(Map.of("WHCK_DIR", explicit.toString(), "XDG_CONFIG_HOME", root.resolve("xdg").toString(),
                "HOME", root.resolve("user").toString())).path()).isEqualTo(explicit);
    }

    @Test
    void aMissingWhckDirFailsRatherThanFallBack() throws IOException {
        directory("user/.config/whck");

        assertThatThrownBy(() -> discover(Map.of("WHCK_DIR", root.resolve("nowhere").toString(),
                "HOME", root.resolve("user").toString())))
                .isInstanceOfSatisfying(WhckException.class,
                        e -> assertThat(e.exit()).isEqualTo(WhckExit.NO_SECRETS_DIRECTORY))
                .hasMessageContaining("nowhere");
    }

    @Test
    void xdgConfigHomeComesBeforeHome() throws IOException {
        Path xdg = directory("xdg/whck");
        directory("user/.config/whck");

        assertThat(discover(Map.of("WHCK_DIR", "", "XDG_CONFIG_HOME", root.resolve("xdg").toString(),
                "HOME", root.resolve("user").toString())).path()).isEqualTo(xdg);
    }

    @Test
    void homeIsUsedWhenXdgConfigHomeHasNoWhckDirectory() throws IOException {
        directory("xdg");
        Path home = directory("user/.config/whck");

        assertThat(discover(Map.of("XDG_CONFIG_HOME", root.resolve("xdg").toString(),
                "HOME", root.resolve("user").toString())).path()).isEqualTo(home);
    }

    @Test
    void theExecutablesOwnerUnderHomeComesLast() throws IOException {
        Path alice = directory("home/alice/.config/whck");
        directory("www");

        assertThat(discover(Map.of("HOME", root.resolve("www").toString()),
                root.resolve("usr/local/bin/whck"), root.resolve("home/alice/src/gateway/bin/gateway-whck")).path())
                .isEqualTo(alice);
    }

    @Test
    void noRuleFindingADirectoryFailsToStart() throws IOException {
        directory("home/alice");

        assertThatThrownBy(() -> discover(Map.of("HOME", root.resolve("nobody").toString()),
                root.resolve("home/alice/bin/whck"), root.resolve("opt/whck")))
                .isInstanceOfSatisfying(WhckException.class,
                        e -> assertThat(e.exit()).isEqualTo(WhckExit.NO_SECRETS_DIRECTORY));
    }

    @Test
    void ownerHomeIsTheFirstFolderUnderHome() {
        Path homes = Path.of("/home");
        assertThat(SecretsDirectory.ownerHome(Path.of("/home/alice/bin/whck"), homes)).contains(Path.of("/home/alice"));
        assertThat(SecretsDirectory.ownerHome(Path.of("/home/alice"), homes)).isEmpty();
        assertThat(SecretsDirectory.ownerHome(Path.of("/homework/alice/whck"), homes)).isEmpty();
        assertThat(SecretsDirectory.ownerHome(Path.of("/usr/bin/whck"), homes)).isEmpty();
    }

    @Test
    void anIdentifierThatIsAPathIsAUsageError() {
        SecretsDirectory directory = new SecretsDirectory(root);
        for (String identifier : List.of("../secret", ".hidden", "a/b", "", "x".repeat(256))) {
            assertThatThrownBy(() -> directory.secret(identifier))
                    .isInstanceOfSatisfying(WhckException.class, e -> assertThat(e.exit()).isEqualTo(WhckExit.USAGE));
        }
    }
}
