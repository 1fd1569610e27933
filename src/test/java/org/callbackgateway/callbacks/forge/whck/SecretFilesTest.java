package org.callbackgateway.callbacks.forge.whck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretFilesTest {
    @TempDir
    Path directory;

    private Path file(String content, String mode) throws IOException {
        Path file = directory.resolve("6869");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static WhckExit exitOf(Path file) {
        try {
            SecretFiles.read(file);
            return WhckExit.VALID;
        } catch (WhckException e) {
            return e.exit();
        }
    }

    @Test
    void readsTheSecretWithoutOneTrailingLineEnd() throws IOException {
        assertThat(SecretFiles.read(file("s3cret\n", "rw-------"))).asString().isEqualTo("s3cret");
        assertThat(SecretFiles.read(file("s3cret\r\n", "r--------"))).asString().isEqualTo("s3cret");
        assertThat(SecretFiles.read(file("s3cret", "rw-------"))).asString().isEqualTo("s3cret");
        assertThat(SecretFiles.read(file(" s3cret \n\n", "rw-------"))).asString().isEqualTo(" s3cret \n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw--w----", "rw----r--", "rw-----w-", "rw-rw-rw-", "rw-r--r--"})
    void refusesAFileOtherUsersCanReadOrWrite(String mode) throws IOException {
        assertThat(exitOf(file("s3cret", mode))).isEqualTo(WhckExit.UNUSABLE_SECRET);
        assertThatThrownBy(() -> SecretFiles.read(directory.resolve("6869"))).hasMessageContaining("chmod 600");
    }

    @Test
    void acceptsOwnerOnlyModesWhateverTheExecuteBits() throws IOException {
        assertThat(exitOf(file("s3cret", "rwx-----x"))).isEqualTo(WhckExit.VALID);
    }

    @Test
    void refusesAnEmptySecretAndADirectory() throws IOException {
        assertThat(exitOf(file("\n", "rw-------"))).isEqualTo(WhckExit.UNUSABLE_SECRET);
        Path folder = Files.createDirectory(directory.resolve("folder"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        assertThat(exitOf(folder)).isEqualTo(WhckExit.UNUSABLE_SECRET);
    }

    @Test
    void aMissingFileIsAnUnknownIdentifier() {
        assertThat(exitOf(directory.resolve("nothing"))).isEqualTo(WhckExit.UNKNOWN_IDENTIFIER);
    }

    @Test
    void theMessageNeverHoldsTheSecret() throws IOException {
        Path file = file("do-not-print-me", "rw-r--r--");
        assertThatThrownBy(() -> SecretFiles.read(file)).message().doesNotContain("do-not-print-me").contains("0644");
    }
}
