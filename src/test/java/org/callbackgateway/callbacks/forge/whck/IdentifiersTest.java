package org.callbackgateway.callbacks.forge.whck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifiersTest {
    @Test
    void aRepositoryIsNamedByTheLowercaseBase16OfItsUrl() {
        String identifier = Identifiers.ofRepository("https://codeberg.org/snow-dog/wc");

        assertThat(identifier).isEqualTo("68747470733a2f2f636f6465626572672e6f72672f736e6f772d646f672f7763");
        assertThat(Identifiers.valid(identifier)).isTrue();
        assertThat(Identifiers.repository(identifier)).contains("https://codeberg.org/snow-dog/wc");
        assertThat(Identifiers.repository(identifier.toUpperCase(java.util.Locale.ROOT)))
                .contains("https://codeberg.org/snow-dog/wc");
    }

    @Test
    void base64NamesAreValidIdentifiersButNameNoRepositoryForTheGateway() {
        assertThat(Identifiers.valid("aHR0cHM6Ly9naXRsYWIuY29t")).isTrue();
        assertThat(Identifiers.valid("aHR0cHM6Ly9naXRsYWIuY29t-_==")).isTrue();
        assertThat(Identifiers.repository("aHR0cHM6Ly9naXRsYWIuY29t")).isEmpty();
        assertThat(Identifiers.repository("abc")).isEmpty();
        assertThat(Identifiers.repository("ff")).isEmpty();
    }

    @Test
    void namesThatAreNotPlainFileNamesAreInvalid() {
        assertThat(Identifiers.valid("a/b")).isFalse();
        assertThat(Identifiers.valid("..")).isFalse();
        assertThat(Identifiers.valid(".config")).isFalse();
        assertThat(Identifiers.valid("")).isFalse();
        assertThat(Identifiers.valid("a b")).isFalse();
        assertThat(Identifiers.valid("x".repeat(255))).isTrue();
        assertThat(Identifiers.valid("x".repeat(256))).isFalse();
    }
}
