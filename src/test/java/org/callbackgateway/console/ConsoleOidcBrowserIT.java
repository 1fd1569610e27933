package org.callbackgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.callbackgateway.testing.Browser;
import org.callbackgateway.testing.GatewayServer;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestIdentityProvider;
import org.callbackgateway.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Signing in to the console through the site's identity provider, in real headless Chromium: the whole redirect
 * flow (authorization code with PKCE) against a real OpenID Connect provider with an interactive login form
 * (mock-oauth2-server), the ID token traded at the gateway, the role taken from the provider's groups claim.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleOidcBrowserIT {
    private static final Path SCREENSHOTS = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));

    private static TestIdentityProvider provider;
    private static TestDatabase database;
    private static GatewayServer gateway;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        provider = TestIdentityProvider.start();
        database = TestDatabase.empty("console_oidc");
        gateway = GatewayServer.start(TestSettings.gatewayWithAdmin(database.url(), provider.gatewaySettings()));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        gateway.close();
        database.close();
        provider.close();
    }

    @Test
    @Order(1)
    void aMemberOfTheAdminGroupSignsInThroughTheProviderAndNothingIsLeftBehind() {
        browser.open(gateway.uri("/console/").toString());
        browser.waitFor(By.id("sign-in-idp"));
        browser.screenshot(SCREENSHOTS, "sign-in-identity-provider");

        signInAtProvider("ada", "{\"preferred_username\":\"ada\",\"groups\":[\"staff\",\"gateway-admins\"]}");

        assertThat(browser.find(By.id("who")).getText()).isEqualTo("ada (admin)");
        browser.waitForText(By.cssSelector("#view h1"), "Overview", 10);
        assertThat(browser.find(By.linkText("Clients")).isDisplayed()).isTrue();
        // The code left the address bar; the PKCE verifier and nonce key left sessionStorage; nothing was stored.
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("code=").doesNotContain("state=")
                .startsWith(gateway.uri("/console/").toString());
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
        assertThat(browser.script("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.script("return document.cookie")).isEqualTo("");
        assertThat(browser.cspViolations()).isEmpty();
    }

    @Test
    @Order(2)
    void anyoneElseSignsInAsAReadOnlyUser() {
        browser.find(By.id("sign-out")).click();
        browser.waitFor(By.id("sign-in-idp"));

        signInAtProvider("grace", "{\"preferred_username\":\"grace\",\"groups\":[\"staff\"]}");

        assertThat(browser.find(By.id("who")).getText()).isEqualTo("grace (user)");
        browser.waitForText(By.cssSelector("#view h1"), "My jobs", 10);
        assertThat(browser.findAll(By.cssSelector("#nav a")).stream().filter(WebElement::isDisplayed)
                .map(WebElement::getText)).containsExactly("Jobs");
        assertThat(browser.cspViolations()).isEmpty();
    }

    @Test
    @Order(3)
    void aReturnThatThisTabDidNotStartSignsNobodyIn() {
        browser.find(By.id("sign-out")).click();
        browser.open(gateway.uri("/console/?code=stolen-code&state=made-up").toString());

        browser.waitForText(By.id("sign-in-provider-error"), "did not start in this tab", 10);
        assertThat(browser.find(By.id("who")).getText()).isEmpty();
        assertThat(browser.find(By.id("sign-out")).isDisplayed()).isFalse();
        assertThat(browser.find(By.id("nav")).isDisplayed()).isFalse();
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("code=");
    }

    /** Clicks the provider button, fills the provider's own login form, and waits to be back, signed in. */
    private static void signInAtProvider(String username, String claims) {
        browser.find(By.id("sign-in-idp")).click();
        WebElement name = browser.waitFor(By.name("username"), 15);
        assertThat(browser.driver().getCurrentUrl()).startsWith(provider.issuer() + "/authorize")
                .contains("code_challenge_method=S256", "nonce=", "state=", "client_id=" + TestIdentityProvider.CLIENT_ID);
        name.sendKeys(username);
        browser.find(By.name("claims")).sendKeys(claims);
        browser.find(By.cssSelector("input[type=submit]")).click();
        try {
            browser.waitForText(By.id("who"), "(", 15);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("not signed in: " + browser.find(By.id("sign-in-provider-error")).getText()
                    + " at " + browser.driver().getCurrentUrl() + " " + browser.consoleErrors(), e);
        }
    }
}
