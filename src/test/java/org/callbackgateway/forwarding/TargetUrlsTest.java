package org.callbackgateway.forwarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.callbackgateway.web.ApiException;
import org.junit.jupiter.api.Test;

/**
 * No SSRF: target URLs are https to public addresses unless private ones are allowed, and the address checked is
 * the one connected to (the client's resolver), not only the name given when the subscription was made.
 */
class TargetUrlsTest {
    private final TargetUrls strict = new TargetUrls(new AddressPolicy(false));
    private final TargetUrls lenient = new TargetUrls(new AddressPolicy(true));

    @Test
    void publicHttpsIsAccepted() {
        assertThat(strict.check("https://93.184.215.14/hooks?x=1").getHost()).isEqualTo("93.184.215.14");
    }

    @Test
    void loopbackAndPrivateAddressesAreRefusedByDefault() {
        for (String url : new String[] {"https://127.0.0.1/", "https://localhost/", "https://10.1.2.3/",
                "https://172.16.0.1/", "https://192.168.1.1/", "https://100.64.0.1/", "https://[::1]/",
                "https://[fd00::1]/", "https://[::ffff:127.0.0.1]/"}) {
            assertThatThrownBy(() -> strict.check(url)).as(url).isInstanceOf(ApiException.class)
                    .hasMessageContaining("loopback or private");
        }
    }

    @Test
    void linkLocalMulticastAndUnspecifiedAreNeverAllowed() {
        for (String url : new String[] {"https://169.254.169.254/latest/meta-data", "https://0.0.0.0/",
                "https://224.0.0.1/", "https://[fe80::1]/", "https://255.255.255.255/"}) {
            assertThatThrownBy(() -> lenient.check(url)).as(url).isInstanceOf(ApiException.class)
                    .hasMessageContaining("not a routable address");
        }
    }

    @Test
    void plainHttpOnlyToPrivateAddressesAndOnlyWhenAllowed() {
        assertThat(lenient.check("http://127.0.0.1:8081/hooks").getPort()).isEqualTo(8081);
        assertThatThrownBy(() -> lenient.check("http://93.184.215.14/")).hasMessageContaining("must be https");
        assertThatThrownBy(() -> strict.check("http://127.0.0.1/")).isInstanceOf(ApiException.class);
    }

    @Test
    void otherSchemesUserInfoAndGarbageAreRefused() {
        for (String url : new String[] {"ftp://93.184.215.14/", "file:///etc/passwd", "https://user:pw@93.184.215.14/",
                "https:relative", "not a url", "", "https://93.184.215.14/#fragment"}) {
            assertThatThrownBy(() -> strict.check(url)).as(url).isInstanceOf(ApiException.class);
        }
    }

    @Test
    void theResolverRefusesAPrivateAddressAtConnectionTime() throws Exception {
        GuardedResolver resolver = new GuardedResolver(new AddressPolicy(false), Runnable::run);
        assertThatThrownBy(() -> resolver.allowed("localhost", 443))
                .isInstanceOf(GuardedResolver.RefusedAddressException.class);

        // A subscription made while the name was public, whose name now points at loopback: nothing is sent.
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            HttpForwarder forwarder = new HttpForwarder(new AddressPolicy(false), 2);
            forwarder.start();
            try {
                AttemptResult result = forwarder.post(receiver.url("/hooks"), Map.of(), "{}", Duration.ofSeconds(5))
                        .get(10, TimeUnit.SECONDS);
                assertThat(result.outcome()).isEqualTo(AttemptResult.REFUSED_ADDRESS);
                assertThat(receiver.received()).isEmpty();
            } finally {
                forwarder.close();
            }
        }
    }
}
