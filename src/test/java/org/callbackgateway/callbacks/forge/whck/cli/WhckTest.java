package org.callbackgateway.callbacks.forge.whck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.callbackgateway.callbacks.forge.whck.Identifiers;
import org.callbackgateway.callbacks.forge.whck.WhckExit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhckTest {
    private static final String VECTOR = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    private static final String REPOSITORY = Identifiers.ofRepository("https://github.com/snow-dog/wc");

    @TempDir
    Path secrets;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeSecret() throws IOException {
        Path file = secrets.resolve(REPOSITORY);
        Files.writeString(file, "It's a Secret to Everybody\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private WhckExit run(String body, String... args) {
        return run(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), args);
    }

    private WhckExit run(InputStream stdin, String... args) {
        return Whck.run(args, Map.of("WHCK_DIR", secrets.toString()), List.of(), stdin,
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void validHmacClaimsExitZeroSilently() {
        assertThat(run("Hello, World!", "hmac-sha256", REPOSITORY, "sha256=" + VECTOR)).isEqualTo(WhckExit.VALID);
        assertThat(run("Hello, World!", "hmac-sha256", REPOSITORY, VECTOR)).isEqualTo(WhckExit.VALID);
        assertThat(errors()).isEmpty();
    }

    @Test
    void aBodyWithOneByteChangedIsAnInvalidClaim() {
        assertThat(run("Hello, World?", "hmac-sha256", REPOSITORY, "sha256=" + VECTOR)).isEqualTo(WhckExit.INVALID_CLAIM);
        assertThat(errors()).startsWith("whck: invalid claim for " + REPOSITORY);
    }

    @Test
    void aTokenClaimNeverReadsTheBody() {
        InputStream unreadable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body was read");
            }
        };
        assertThat(run(unreadable, "token", REPOSITORY, "It's a Secret to Everybody")).isEqualTo(WhckExit.VALID);
        assertThat(run(unreadable, "token", REPOSITORY, "It's a Secret")).isEqualTo(WhckExit.INVALID_CLAIM);
    }

    @Test
    void wrongArgumentsAreUsageErrors() {
        assertThat(run("", "hmac-sha256", REPOSITORY)).isEqualTo(WhckExit.USAGE);
        assertThat(run("", "hmac-sha1", REPOSITORY, VECTOR)).isEqualTo(WhckExit.USAGE);
        assertThat(run("", "token", "../" + REPOSITORY, "x")).isEqualTo(WhckExit.USAGE);
        assertThat(errors()).contains("usage: whck hmac-sha256|token IDENTIFIER CLAIM");
    }

    @Test
    void anUnknownIdentifierAndARefusedFileHaveTheirOwnCodes() throws IOException {
        assertThat(run("Hello, World!", "hmac-sha256", "00" + REPOSITORY, VECTOR)).isEqualTo(WhckExit.UNKNOWN_IDENTIFIER);
        Files.setPosixFilePermissions(secrets.resolve(REPOSITORY), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(run("Hello, World!", "hmac-sha256", REPOSITORY, VECTOR)).isEqualTo(WhckExit.UNUSABLE_SECRET);
        assertThat(errors()).doesNotContain("It's a Secret");
    }

    @Test
    void noSecretsDirectoryFailsToStart() {
        WhckExit exit = Whck.run(new String[] {"token", REPOSITORY, "x"}, Map.of("HOME", secrets.resolve("none").toString()),
                List.of(), InputStream.nullInputStream(), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(WhckExit.NO_SECRETS_DIRECTORY);
    }
}
