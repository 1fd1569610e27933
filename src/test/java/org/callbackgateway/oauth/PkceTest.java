package org.callbackgateway.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void challengeIsTheS256OfTheVerifierAsInRfc7636AppendixB() {
        assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void verifiersAre43UrlSafeCharactersAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String verifier = Pkce.newVerifier();
            assertThat(verifier).hasSize(43).matches("^[A-Za-z0-9_-]+$");
            seen.add(verifier);
        }
        assertThat(seen).hasSize(100);
    }
}
