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
import org.callbackgateway.testing.StubHttpServer;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
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
    private static String rotatedSecret;
    private static StubHttpServer receiver;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.empty("console");
        receiver = new StubHttpServer();
        gateway = GatewayServer.start(TestSettings.gatewayWithAdmin(database.url(), "GATEWAY_SOURCE_CACHE_SECONDS", "0",
                "GATEWAY_SUBSCRIPTIONS_ALLOW_PRIVATE", "true", "GATEWAY_FORWARDING_POLL_MS", "200",
                "GATEWAY_FORWARDING_RETRY_INITIAL_MS", "500"));
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
        receiver.close();
        database.close();
    }

    @Test
    @Order(1)
    void theConsoleIsServedUnderAStrictPolicyAndTheRootLeadsToIt() {
        HttpResponse<String> root = Http.get(gateway.uri("/"));
        assertThat(root.statusCode()).isEqualTo(303);
        assertThat(root.headers().firstValue("Location")).hasValue(gateway.uri("/console/").toString());

        HttpResponse<String> signInConfig = Http.get(gateway.uri("/v1/oidc/config"));
        assertThat(signInConfig.statusCode()).isEqualTo(200);
        assertThat(Http.json(signInConfig).get("identity_provider").isNull()).as(signInConfig.body()).isTrue();

        HttpResponse<String> page = Http.get(gateway.uri("/console/"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        String policy = new SecurityHeaders(List::of).contentSecurityPolicy();
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(policy);
        assertThat(policy).contains("script-src 'self'", "connect-src 'self';", "trusted-types 'none'")
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
    void anOperatorSignsInSeesADeliveryArriveLiveThenInspectsAndReplaysIt() {
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
        // The list follows the event stream: wait until it is open, then record every change of its mode. Polling
        // runs only while the stream is not open, so a row that appears while the mode never left "live" came
        // through the stream.
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(15)).until(
                driver -> "live".equals(browser.script("return document.getElementById('live-status').dataset.mode")));
        browser.script("""
                window.__modes = [];
                new MutationObserver(() => window.__modes.push(document.getElementById('live-status').dataset.mode))
                    .observe(document.getElementById('live-status'), { attributes: true, attributeFilter: ['data-mode'] });
                """);

        String body = "{\"ref\":\"refs/heads/release\",\"after\":\"9f2c\",\"repository\":{\"html_url\":\"https://github.com/o/r\"}}";
        HttpResponse<String> sent = github(body);
        assertThat(sent.statusCode()).isEqualTo(200);
        long id = newestDeliveryId();
        WebElement row = browser.waitFor(By.cssSelector("tbody tr[data-id='" + id + "']"), 15);
        assertThat(row.getText()).contains("github", "push", "verified");
        assertThat(row.getAttribute("class")).contains("new");
        assertThat(browser.script("return window.__samePage === true")).isEqualTo(true);
        assertThat(browser.script("return window.__modes")).asList().isEmpty();
        assertThat(browser.find(By.id("live-status")).getText()).isEqualTo("Live");
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

        // Replay it, verified again with the source's current secret: the answer names the new delivery.
        browser.find(By.xpath("//button[text()='Replay']")).click();
        WebElement answer = browser.waitFor(By.cssSelector(".replay-answer"), 15);
        long replayId = newestDeliveryId();
        assertThat(replayId).isGreaterThan(id);
        assertThat(answer.getText()).contains("New delivery\n" + replayId, "Verification mode\nverify",
                "Verification\nverified", "Outcome");
        browser.script("arguments[0].scrollIntoView({block: 'center'})", answer);
        browser.screenshot(SCREENSHOTS, "delivery-replayed");
        answer.findElement(By.linkText(Long.toString(replayId))).click();
        browser.waitForText(By.cssSelector("#view h1"), "Delivery " + replayId, 10);
        assertThat(browser.find(By.cssSelector(".facts")).getText()).contains("Replay of\n" + id, "Replay mode\nverify");
        assertThat(browser.cspViolations()).isEmpty();
    }

    @Test
    @Order(3)
    void anOperatorRotatesASourceSecret() {
        browser.find(By.linkText("Sources")).click();
        browser.waitFor(By.linkText("github")).click();
        browser.waitForText(By.cssSelector("#view h1"), "Source github", 10);
        browser.waitFor(By.cssSelector("tbody tr"));
        assertThat(browser.findAll(By.cssSelector("tbody tr"))).hasSize(1);
        String oldId = browser.find(By.cssSelector("tbody tr code")).getAttribute("title");

        browser.find(By.name("label")).sendKeys("rotated in the console");
        browser.find(By.xpath("//form[@aria-label='Add a secret or key']//button[@type='submit']")).click();
        String newSecret = LeakWatch.remember(browser.waitFor(By.cssSelector(".once input")).getAttribute("value"));
        rotatedSecret = newSecret;
        assertThat(newSecret).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(githubSecret);
        browser.waitForText(By.cssSelector(".results"), "rotated in the console", 10);
        browser.screenshot(SCREENSHOTS, "source-secrets");

        browser.find(By.cssSelector("button[aria-label='Retire secret " + oldId.substring(0, 8) + "']")).click();
        browser.waitForText(By.cssSelector(".results"), "retired", 10);
        assertThat(SignedDelivery.github().body("{}").secret(newSecret).send(gateway.baseUri()).statusCode()).isEqualTo(200);
        assertThat(github("{}").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(4)
    void anOperatorCreatesAClientWhoseKeyIsShownOnce() {
        browser.find(By.linkText("Clients")).click();
        browser.waitForText(By.cssSelector("#view h1"), "Clients", 10);
        browser.waitFor(By.name("client_id")).sendKeys("de-apps");
        browser.find(By.xpath("//form[@aria-label='Create a client']//button[@type='submit']")).click();
        String key = LeakWatch.remember(browser.waitFor(By.cssSelector(".once input")).getAttribute("value"));
        browser.waitForText(By.cssSelector(".results"), "de-apps", 10);
        browser.screenshot(SCREENSHOTS, "clients");
        assertThat(ApiClient.token(gateway.baseUri(), "de-apps", key)).isNotBlank();
        assertThat(database.count("SELECT count(*) FROM clients WHERE client_id = 'de-apps' AND role = 'service'"))
                .isEqualTo(1);
    }

    @Test
    @Order(5)
    void anOperatorFollowsAJobsTimelineAsItMoves() {
        String externalId = uuid();
        Job watched = job("snow-dog", "wc_10081655", externalId);
        job("someone-else", "not-snow-dogs", uuid());
        assertThat(notify(externalId, "Running", "").statusCode()).isEqualTo(200);
        assertThat(notify(externalId, "Running", "").statusCode()).isEqualTo(200);

        browser.find(By.linkText("Jobs")).click();
        browser.waitFor(By.linkText("wc_10081655")).click();
        browser.waitForText(By.cssSelector("#view h1"), "Job wc_10081655", 10);
        assertThat(browser.findAll(By.cssSelector(".timeline li"))).hasSize(2);
        assertThat(browser.find(By.cssSelector(".facts")).getText()).contains(watched.id().toString(), "Running");

        assertThat(notify(externalId, "Completed", "1381280000000").statusCode()).isEqualTo(200);
        browser.waitForText(By.cssSelector(".timeline"), "Completed", 15);
        // Read in one go: the page may redraw the timeline between two reads.
        @SuppressWarnings("unchecked")
        List<String> entries = (List<String>) browser.script(
                "return Array.from(document.querySelectorAll('.timeline li'), li => li.innerText)");
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0)).contains("Submitted", "Running", "from notification");
        assertThat(entries.get(1)).contains("ignored", "remote status Running");
        assertThat(entries.get(2)).contains("Running", "Completed");
        browser.screenshot(SCREENSHOTS, "job");
    }

    @Test
    @Order(6)
    void hostilePayloadsAreShownAsTextAndRunNothing() {
        String script = "<script>window.__xss='script'</script>";
        String image = "\"><img src=x onerror=\"window.__xss='img'\">";
        String url = "javascript:window.__xss='url'";
        String bypass = "<script src=\"../secured/deliveries/1?body=true\"></script><base href=\"http://127.0.0.1:9/\">"
                + "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss='meta'\">"
                + "<iframe srcdoc=\"<script>parent.__xss='iframe'</script>\"></iframe><svg onload=\"window.__xss='svg'\">"
                + "{{constructor.constructor('window.__xss=1')()}}";
        String json = "{\"ref\":" + quoted(script) + ",\"repository\":{\"html_url\":" + quoted(url) + "},"
                + "\"comment\":" + quoted(bypass) + ",\"head_commit\":{\"message\":" + quoted(image) + "}}";
        HttpResponse<String> signed = SignedDelivery.github().body(json).secret(githubSecretNow())
                .header("X-GitHub-Event", image).header("X-GitHub-Delivery", script + image).send(gateway.baseUri());
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        long signedId = newestDeliveryId();
        assertThat(Http.post(gateway.uri("/callbacks/notification"), "application/json",
                (bypass + script + image).getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        long rawId = newestDeliveryId();

        browser.find(By.linkText("Deliveries")).click();
        browser.waitFor(By.cssSelector("tbody tr[data-id='" + rawId + "']"), 15);
        assertThat(browser.find(By.cssSelector("tbody tr[data-id='" + signedId + "']")).getText()).contains(image, script);
        assertNothingRan();

        browser.find(By.linkText(Long.toString(signedId))).click();
        browser.waitForText(By.cssSelector("#view h1"), "Delivery " + signedId, 10);
        assertThat(browser.find(By.cssSelector(".facts")).getText()).contains(image, script);
        assertThat(browser.find(By.cssSelector("section[aria-labelledby='headers-title']")).getText()).contains(image);
        // Pretty-printed: the JSON string literals as such, quotes escaped.
        assertThat(browser.find(By.id("body-view")).getText()).contains(quoted(script), quoted(url), quoted(image));
        browser.script("document.getElementById('headers-title').scrollIntoView()");
        browser.screenshot(SCREENSHOTS, "hostile-delivery");
        browser.find(By.xpath("//button[text()='Raw']")).click();
        assertThat(browser.find(By.id("body-view")).getText()).isEqualTo(json);
        assertNothingRan();

        // A reload forgets the token; signing in again lands on the page the address names.
        browser.open(gateway.uri("/console/#/deliveries/" + rawId).toString());
        browser.driver().navigate().refresh();
        signIn(Admins.ID, Admins.KEY);
        browser.waitForText(By.cssSelector("#view h1"), "Delivery " + rawId, 10);
        assertThat(browser.find(By.id("body-view")).getText()).isEqualTo(bypass + script + image);
        assertNothingRan();

        browser.resize(390, 844);
        browser.find(By.linkText("Deliveries")).click();
        browser.waitFor(By.cssSelector("tbody tr[data-id='" + rawId + "']"));
        browser.screenshot(SCREENSHOTS, "deliveries-phone");
        browser.resize(1280, 800);
        assertNothingRan();
    }

    @Test
    @Order(7)
    void signingOutForgetsTheTokenAndAUserSeesOnlyTheirOwnJobs() {
        String userKey = LeakWatch.remember(Http.json(admin.post("/admin/clients",
                "{\"client_id\":\"snow-dog\",\"role\":\"user\"}")).get("client_key").asText());
        browser.find(By.id("sign-out")).click();
        browser.waitFor(By.id("client-id"));
        assertThat(browser.find(By.id("view")).isDisplayed()).isFalse();
        assertThat(browser.findAll(By.cssSelector("#view *"))).isEmpty();
        assertThat(browser.script("return localStorage.length + sessionStorage.length + document.cookie.length"))
                .isEqualTo(0L);
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(Admins.KEY).doesNotContain("token");

        // With the keyboard alone: the form has the focus, Tab moves to the key, Enter submits.
        assertThat(browser.script("return document.activeElement.id")).isEqualTo("client-id");
        browser.driver().switchTo().activeElement().sendKeys("snow-dog", Keys.TAB, userKey, Keys.ENTER);
        browser.waitForText(By.cssSelector("#view h1"), "My jobs", 10);
        assertThat(browser.findAll(By.cssSelector("#nav a")).stream().filter(WebElement::isDisplayed)
                .map(WebElement::getText)).containsExactly("Jobs");
        browser.waitFor(By.linkText("wc_10081655"));
        assertThat(browser.find(By.id("view")).getText()).doesNotContain("not-snow-dogs");
        browser.open(gateway.uri("/console/#/deliveries").toString());
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("#/jobs"));
        browser.waitForText(By.cssSelector("#view h1"), "My jobs", 10);
        browser.find(By.id("sign-out")).click();
        browser.waitFor(By.id("client-id"));
        assertNothingRan();
    }

    @Test
    @Order(8)
    void anOperatorSeesAFailingSubscriberAndPausesIt() {
        receiver.on("/hook", StubHttpServer.json(500, "{\"error\":\"down for maintenance\"}"));
        HttpResponse<String> created = admin.post("/admin/subscriptions", "{\"url\":\"" + receiver.baseUri()
                + "/hook\",\"description\":\"ops receiver\",\"event_types\":[\"delivery.received\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        LeakWatch.remember(Http.json(created).get("secret").asText());
        String id = Http.json(created).get("subscription").get("id").asText();
        assertThat(github("{}").statusCode()).isEqualTo(401);
        assertThat(SignedDelivery.github().body("{\"zen\":\"forward me\"}").secret(rotatedSecret)
                .send(gateway.baseUri()).statusCode()).isEqualTo(200);

        signIn(Admins.ID, Admins.KEY);
        browser.find(By.linkText("Subscriptions")).click();
        browser.waitFor(By.linkText("ops receiver")).click();
        browser.waitForText(By.cssSelector("#view h1"), "Subscription ops receiver", 10);
        // The receiver's 500s show up as they happen, without a reload.
        browser.waitForText(By.id("view"), "down for maintenance", 40);
        assertThat(browser.find(By.id("view")).getText()).contains("500", "failed");
        browser.screenshot(SCREENSHOTS, "subscription");

        browser.find(By.xpath("//button[text()='Pause']")).click();
        browser.waitFor(By.xpath("//button[text()='Resume']"));
        assertThat(Http.json(admin.get("/admin/subscriptions/" + id)).get("enabled").asBoolean()).isFalse();
        browser.find(By.cssSelector("button[aria-label^='Redeliver evt_']")).click();
        assertThat(browser.findAll(By.cssSelector("#view .error"))).allSatisfy(error ->
                assertThat(error.getText()).isEmpty());
        assertNothingRan();
    }

    /** No payload ran: no flag set, no element or base URL injected, no policy violation, no policy error logged. */
    private static void assertNothingRan() {
        assertThat(browser.script("return typeof window.__xss")).isEqualTo("undefined");
        assertThat(browser.findAll(By.cssSelector("#view img, #view iframe, #view script, #view svg[onload], base, meta[http-equiv]")))
                .isEmpty();
        assertThat(browser.findAll(By.cssSelector("script"))).hasSize(1);
        assertThat(browser.findAll(By.cssSelector("a[href^='javascript'], a[href^='http']"))).isEmpty();
        assertThat(browser.script("return document.baseURI")).asString().startsWith(gateway.baseUri().toString());
        assertThat(browser.cspViolations()).isEmpty();
        assertThat(browser.consoleErrors()).noneMatch(message -> message.contains("Content Security Policy")
                || message.contains("Trusted Type") || message.contains("TrustedHTML") || message.contains("Refused"));
    }

    private static String quoted(String text) {
        return org.callbackgateway.web.Json.newMapper().valueToTree(text).toString();
    }

    /** The secret of github that is active after the rotation test (the one it added). */
    private static String githubSecretNow() {
        return rotatedSecret;
    }

    private static HttpResponse<String> notify(String externalId, String status, String endDate) {
        return Http.postJson(gateway.uri("/callbacks/notification"), Seeds.notification(externalId, status, endDate));
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
