package org.callbackgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.callbackgateway.jobs.Job;
import org.callbackgateway.jobs.JobService;
import org.callbackgateway.jobs.JobStatus;
import org.callbackgateway.jobs.NewJob;
import org.callbackgateway.testing.Admins;
import org.callbackgateway.testing.Browser;
import org.callbackgateway.testing.Http;
import org.callbackgateway.testing.Seeds;
import org.callbackgateway.testing.TestDatabase;
import org.callbackgateway.testing.TestSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;

/**
 * The built WAR, unchanged, in stock Tomcat distributions from Maven Central, with the database configured the
 * Tomcat way: a JNDI {@code Resource} and an {@code Environment} entry in the context's {@code context.xml}.
 */
class TomcatDeploymentIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    @ParameterizedTest(name = "Tomcat {0}")
    @ValueSource(strings = {"tomcat10.version", "tomcat11.version"})
    void warStartsMigratesAnEmptyDatabaseAndHandlesANotification(String versionProperty) throws Exception {
        String version = System.getProperty(versionProperty);
        Path home = Path.of(System.getProperty("tomcat.dist.dir"), "apache-tomcat-" + version);
        Path war = Path.of(System.getProperty("gateway.war"));
        assertThat(home.resolve("bin/bootstrap.jar")).exists();
        assertThat(war).exists();

        try (TestDatabase database = TestDatabase.empty("tomcat_" + version.replace('.', '_'))) {
            int port = freePort();
            Path base = prepareBase(home, war, port, database.url(), version);
            Process tomcat = startTomcat(home, base);
            try {
                URI root = URI.create("http://127.0.0.1:" + port + "/callback-gateway");
                waitUntilReady(tomcat, root.resolve("/callback-gateway/readyz"), base);

                Job job = new JobService(database.jdbi(), Clock.systemUTC()).register(new NewJob("de",
                        Optional.empty(), "snow-dog", "wc", Optional.empty(), JobStatus.SUBMITTED, Optional.empty(), false));
                HttpResponse<String> response = Http.postJson(root.resolve("/callback-gateway/callbacks/notification"),
                        Seeds.notification(job.id().toString(), "Completed", "1381280000000"));

                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(new JobService(database.jdbi(), Clock.systemUTC()).find(job.id()).orElseThrow().status())
                        .isEqualTo(JobStatus.COMPLETED);
                assertThat(database.count("SELECT count(*) FROM flyway_schema_history WHERE success")).isPositive();
                streamReplaysTheStatusChange(root, job.id().toString());

                HttpResponse<String> unknownPath = Http.get(root.resolve("/callback-gateway/nothing/here"));
                assertThat(unknownPath.statusCode()).isEqualTo(404);
                assertThat(Http.json(unknownPath).get("error_code").asText()).isEqualTo("ERR_NOT_FOUND");

                consoleWorksUnderTheContextPath(root);
            } finally {
                stop(tomcat);
            }
        }
    }

    /** The event stream opens in Tomcat (async servlet, non-blocking output) and gives the change from the log. */
    private static void streamReplaysTheStatusChange(URI root, String jobId) throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString((Admins.ID + ":" + Admins.KEY)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> issued = Http.send(java.net.http.HttpRequest.newBuilder(
                        root.resolve("/callback-gateway/v1/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        String token = org.callbackgateway.testing.LeakWatch.remember(Http.json(issued).get("access_token").asText());
        HttpResponse<java.util.stream.Stream<String>> stream = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(root.resolve("/callback-gateway/secured/events?after=0"))
                        .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        try (java.util.stream.Stream<String> lines = stream.body()) {
            String data = java.util.concurrent.CompletableFuture.supplyAsync(() -> lines
                            .filter(line -> line.startsWith("data: ") && line.contains("job.status_changed"))
                            .findFirst().orElse(""))
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(Http.json(data.substring(6)).get("data").get("job_id").asText()).isEqualTo(jobId);
        }
    }

    /** The console, opened at the context's root, signs in and lists the delivery above (the API under the path). */
    private static void consoleWorksUnderTheContextPath(URI root) {
        HttpResponse<String> console = Http.get(root.resolve("/callback-gateway/console/"));
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("script-src 'self'"));
        try (Browser browser = Browser.start()) {
            browser.open(root.resolve("/callback-gateway/").toString());
            assertThat(browser.driver().getCurrentUrl()).isEqualTo(root.resolve("/callback-gateway/console/").toString());
            browser.waitFor(By.id("client-id")).sendKeys(Admins.ID);
            browser.find(By.id("client-key")).sendKeys(Admins.KEY);
            browser.find(By.cssSelector("#sign-in-form button[type=submit]")).click();
            browser.waitForText(By.cssSelector("#view h1"), "Overview", 30);
            browser.find(By.linkText("Deliveries")).click();
            browser.waitForText(By.cssSelector(".results"), "notification", 30);
            assertThat(browser.find(By.cssSelector(".results")).getText()).contains("unsigned", "applied");
            assertThat(browser.cspViolations()).isEmpty();
        }
    }

    private static Path prepareBase(Path home, Path war, int port, String jdbcUrl, String version) throws IOException {
        Path base = Path.of("target", "tomcat-base-" + version).toAbsolutePath();
        deleteRecursively(base);
        for (String dir : List.of("conf/Catalina/localhost", "logs", "temp", "webapps", "work", "lib")) {
            Files.createDirectories(base.resolve(dir));
        }
        for (String file : List.of("web.xml", "logging.properties", "catalina.properties", "context.xml")) {
            Files.copy(home.resolve("conf").resolve(file), base.resolve("conf").resolve(file));
        }
        Files.copy(home.getParent().resolve("lib/postgresql.jar"), base.resolve("lib/postgresql.jar"));
        Files.writeString(base.resolve("conf/server.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <Server port="-1" shutdown="SHUTDOWN">
                  <Service name="Catalina">
                    <Connector port="%d" address="127.0.0.1" protocol="HTTP/1.1" connectionTimeout="20000"/>
                    <Engine name="Catalina" defaultHost="localhost">
                      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
                    </Engine>
                  </Service>
                </Server>
                """.formatted(port));
        // The README's sample context.xml, with this test's database.
        Files.writeString(base.resolve("conf/Catalina/localhost/callback-gateway.xml"), """
                <Context>
                  <Resource name="jdbc/CallbackGateway" auth="Container" type="javax.sql.DataSource"
                            driverClassName="org.postgresql.Driver"
                            url="%s"
                            maxTotal="10" maxWaitMillis="3000" validationQuery="SELECT 1" testOnBorrow="true"/>
                  <Environment name="GATEWAY_MAX_BODY_BYTES" value="1048576" type="java.lang.String" override="false"/>
                  <Environment name="GATEWAY_JWT_SIGNING_KEY" value="%s" type="java.lang.String" override="false"/>
                  <Environment name="GATEWAY_BOOTSTRAP_ADMIN_ID" value="%s" type="java.lang.String" override="false"/>
                  <Environment name="GATEWAY_BOOTSTRAP_ADMIN_KEY_HASH" value="%s" type="java.lang.String" override="false"/>
                </Context>
                """.formatted(jdbcUrl.replace("&", "&amp;"), TestSettings.SIGNING_KEY, Admins.ID, Admins.KEY_HASH));
        Files.copy(war, base.resolve("webapps/callback-gateway.war"), StandardCopyOption.REPLACE_EXISTING);
        return base;
    }

    private static Process startTomcat(Path home, Path base) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = home.resolve("bin/bootstrap.jar") + File.pathSeparator + home.resolve("bin/tomcat-juli.jar");
        ProcessBuilder builder = new ProcessBuilder(java,
                "-Xmx256m",
                "-Dcatalina.home=" + home,
                "-Dcatalina.base=" + base,
                "-Djava.io.tmpdir=" + base.resolve("temp"),
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
                "-cp", classpath,
                "org.apache.catalina.startup.Bootstrap", "start");
        builder.redirectErrorStream(true);
        builder.redirectOutput(base.resolve("logs/console.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEWAY_"));
        return builder.start();
    }

    private static void waitUntilReady(Process tomcat, URI readyz, Path base) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        int status = 0;
        while (Instant.now().isBefore(deadline) && tomcat.isAlive()) {
            try {
                status = Http.get(readyz).statusCode();
                if (status == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                status = -1;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Tomcat did not answer /readyz 200 (last " + status + ", alive " + tomcat.isAlive()
                + "); console:\n" + Files.readString(base.resolve("logs/console.log")));
    }

    private static void stop(Process tomcat) throws InterruptedException {
        tomcat.destroy();
        if (!tomcat.waitFor(30, TimeUnit.SECONDS)) {
            tomcat.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
