package org.callbackgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.callbackgateway.callbacks.SignedDelivery;
import org.callbackgateway.jobs.Job;
import org.callbackgateway.jobs.JobService;
import org.callbackgateway.jobs.JobStatus;
import org.callbackgateway.jobs.NewJob;
import org.callbackgateway.testing.Admins;
import org.callbackgateway.testing.ApiClient;
import org.callbackgateway.testing.Browser;
import org.callbackgateway.testing.GatewayServer;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.LeakWatch;
import org.callbackgateway.testing.Seeds;
import org.callbackgateway.testing.TestDatabase;
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
 * The operator console in real headless Chromium against the real webapp: an operator signs in, watches a delivery
 * arrive, inspects it, rotates a source secret, creates a client, follows a job's timeline and signs out; hostile
 * payloads are shown as text, with no script run and no policy violated. One browser for the whole class, the
 * tests in the order an operator would go.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    private static final Path SCREENSHOTS = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));

    private static TestDatabase database;
    private static GatewayServer gateway;
    private static ApiClient admin;
    private static Browser browser;
    private static String githubSecret;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.empty("console");
        gateway = GatewayServer.start(TestSettings.gatewayWithAdmin(database.url(), "GATEWAY_SOURCE_CACHE_SECONDS", "0"));
        admin = ApiClient.as(gateway.baseUri(), Admins.ID, Admins.KEY);
        assertThat(admin.post("/admin/sources", "{\"name\":\"github\"}").statusCode()).isEqualTo(201);
        githubSecret = LeakWatch.remember(Http.json(admin.post("/admin/sources/github/secrets",
                "{\"label\":\"org webhook\"}")).get("secret").asText());
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        gateway.close();
        database.close();
    }

    @Test
    @Order(1)
    void theConsoleIsServedUnderAStrictPolicyAndTheRootLeadsToIt() {
        HttpResponse<String> root = Http.get(gateway.uri("/"));
        assertThat(root.statusCode()).isEqualTo(303);
        assertThat(root.headers().firstValue("Location")).hasValue(gateway.uri("/console/").toString());

        HttpResponse<String> page = Http.get(gateway.uri("/console/"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY).contains("script-src 'self'", "trusted-types 'none'")
                .doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>").doesNotContain("onload=");

        HttpResponse<String> script = Http.get(gateway.uri("/console/js/app.js"));
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript;charset=UTF-8");
        String etag = script.headers().firstValue("ETag").orElseThrow();
        assertThat(Http.send(HttpRequest.newBuilder(gateway.uri("/console/js/app.js")).header("If-None-Match", etag))
                .statusCode()).isEqualTo(304);

        assertThat(Http.get(gateway.uri("/console")).headers().firstValue("Location")).hasValue("/console/");
        for (String refused : List.of("/console/nothing.js", "/console/js/", "/console/%2e%2e/WEB-INF/web.xml",
                "/console/..%2FWEB-INF%2Fweb.xml", "/console/WEB-INF/web.xml")) {
            HttpResponse<String> answer = Http.get(URI.create(gateway.baseUri() + refused));
            assertThat(answer.statusCode()).as(refused).isIn(400, 404);
            assertThat(answer.body()).as(refused).doesNotContain("web-app");
        }
    }

    @Test
    @Order(2)
    void anOperatorSignsInAndSeesADeliveryArriveThenInspectsIt() {
        // Something to show on the overview: a verified push, a forged one, a notification for an unknown job.
        assertThat(github("{\"ref\":\"refs/heads/main\",\"repository\":{\"html_url\":\"https://github.com/o/r\"}}")
                .statusCode()).isEqualTo(200);
        assertThat(SignedDelivery.github().body("{}").secret("not-the-secret").send(gateway.baseUri()).statusCode())
                .isEqualTo(401);
        assertThat(Http.postJson(gateway.uri("/callbacks/notification"), Seeds.notification()).statusCode()).isEqualTo(404);

        browser.open(gateway.uri("/").toString());
        signIn(Admins.ID, Admins.KEY);
        browser.waitForText(By.cssSelector("#view h1"), "Overview", 10);
        browser.waitFor(By.cssSelector(".chart"));
        assertThat(browser.find(By.cssSelector(".failing")).getText()).contains("github", "notification");
        browser.screenshot(SCREENSHOTS, "overview");

        browser.find(By.linkText("Deliveries")).click();
        browser.waitForText(By.cssSelector("#view h1"), "Deliveries", 10);
        browser.waitFor(By.cssSelector("tbody tr"));
        browser.script("window.__samePage = true");

        String body = "{\"ref\":\"refs/heads/release\",\"after\":\"9f2c\",\"repository\":{\"html_url\":\"https://github.com/o/r\"}}";
        HttpResponse<String> sent = github(body);
        assertThat(sent.statusCode()).isEqualTo(200);
        long id = newestDeliveryId();
        // The pages poll while the gateway has no event stream; either way the row appears without a reload.
        WebElement row = browser.waitFor(By.cssSelector("tbody tr[data-id='" + id + "']"), 15);
        assertThat(row.getText()).contains("github", "push", "verified");
        assertThat(browser.script("return window.__samePage === true")).isEqualTo(true);
        assertThat(browser.find(By.id("live-status")).getText()).isIn("Live", "Updating every 5 s");
        browser.screenshot(SCREENSHOTS, "deliveries");

        row.findElement(By.linkText(Long.toString(id))).click();
        browser.waitForText(By.cssSelector("#view h1"), "Delivery " + id, 10);
        assertThat(browser.find(By.cssSelector(".facts")).getText()).contains("verified", "push",
                "matched secret");
        assertThat(browser.find(By.cssSelector("section[aria-labelledby='headers-title']")).getText())
                .contains("x-github-event", "push");
        assertThat(browser.find(By.id("body-view")).getText()).contains("\"ref\": \"refs/heads/release\"");
        browser.screenshot(SCREENSHOTS, "delivery");
        browser.find(By.xpath("//button[text()='Hex']")).click();
        assertThat(browser.find(By.id("body-view")).getText()).startsWith("00000000  7b 22 72 65 66");
        assertThat(browser.cspViolations()).isEmpty();
    }

    private static void signIn(String clientId, String key) {
        WebElement id = browser.waitFor(By.id("client-id"));
        id.clear();
        id.sendKeys(clientId);
        browser.find(By.id("client-key")).sendKeys(key);
        browser.find(By.cssSelector("#sign-in-form button[type=submit]")).click();
        browser.waitFor(By.id("sign-out"));
    }

    private static HttpResponse<String> github(String body) {
        return SignedDelivery.github().body(body).secret(githubSecret).send(gateway.baseUri());
    }

    private static long newestDeliveryId() {
        return database.count("SELECT max(id) FROM deliveries");
    }

    static Job job(String owner, String name, String externalId) {
        return new JobService(database.jdbi(), Clock.systemUTC()).register(new NewJob("de", Optional.of(externalId),
                owner, name, Optional.of("wc"), JobStatus.SUBMITTED, Optional.empty(), false));
    }

    static String uuid() {
        return UUID.randomUUID().toString().toUpperCase();
    }
}
