package dev.incidentsla.projection.live;

import dev.incidentsla.edge.access.Roles;
import dev.incidentsla.edge.access.TestTokens;
import dev.incidentsla.projection.SlaProjectionApplication;
import dev.incidentsla.projection.pipeline.KafkaBrokerProcess;
import dev.incidentsla.projection.pipeline.Teardown;
import dev.incidentsla.service.IncidentServiceApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The operations page in a real headless browser (Debian's chromium, driven through its chromium-driver by Selenium),
 * on the real path: broker, incident service and projection on one PostgreSQL, access control on, deadlines passing
 * while the test waits. The page asks for a token, shows what is pending with a countdown, the last day's breaches
 * and today's met ratio, and shows a new breach within a second of the incident recording it, without reloading.
 * The screenshot is kept as {@code target/live-page.png}.
 */
class LivePageBrowserTest {

    private static final Path SCREENSHOT = Path.of("target", "live-page.png");
    private static final String CONTRACT = "contoso";

    private static Path directory;
    private static KafkaBrokerProcess broker;
    private static ConfigurableApplicationContext incidentService;
    private static ConfigurableApplicationContext projection;
    private static WebTestClient incidents;
    private static WebDriver browser;
    private static String page;

    @BeforeAll
    static void start() throws Exception {
        File driver = executable("chromedriver");
        File chromium = executable("chromium");
        directory = Files.createTempDirectory("live-page");
        broker = new KafkaBrokerProcess(Files.createDirectories(directory.resolve("kafka")));
        broker.start();
        incidentService = new SpringApplicationBuilder(IncidentServiceApplication.class).run("--server.port=0",
                "--incident-sla.embedded-database.directory=" + directory.resolve("postgres"),
                "--incident-sla.embedded-database.durable=false");
        incidents = WebTestClient.bindToServer().baseUrl(baseUrl(incidentService)).responseTimeout(Duration.ofSeconds(30)).build();
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + incidentService.getBean(EmbeddedPostgres.class).getJdbcUrl("postgres", "postgres"),
                "--sla-projection.kafka.bootstrap-servers=" + broker.bootstrapServers()));
        TestTokens.accessProperties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
        projection = SlaProjectionApplication.application().run(arguments.toArray(String[]::new));
        page = baseUrl(projection) + "/";

        for (String contract : List.of(CONTRACT, "fabrikam")) {
            incidents.put().uri("/api/v1/contracts/" + contract).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                    {"customerName": "C", "supportLocation": {"timeZone": "Europe/Amsterdam", "country": "NL"}}""")
                    .exchange().expectStatus().isOk();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        open("INC-2001", CONTRACT, "B", now.minus(Duration.ofMinutes(20)));
        open("INC-2002", "fabrikam", "C", now.minus(Duration.ofMinutes(5)));
        open("INC-2003", CONTRACT, "A", now.minus(Duration.ofMinutes(50)));
        open("INC-1990", CONTRACT, "A", now.minus(Duration.ofHours(3)));
        open("INC-1995", "fabrikam", "1", now.minus(Duration.ofMinutes(5)));
        incidents.post().uri("/api/v1/incidents/{id}/first-response", "INC-1995").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"channel\": \"PHONE\", \"engineer\": \"eng-7\"}").exchange().expectStatus().isOk();
        String reader = TestTokens.token("ops", List.of(Roles.SLA_READER), null);
        WebTestClient dashboards = WebTestClient.bindToServer().baseUrl(baseUrl(projection)).build();
        await().atMost(Duration.ofSeconds(30)).until(() -> dashboards.get().uri("/api/v1/sla/today")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + reader).exchange().expectBody(String.class).returnResult()
                .getResponseBody().contains("\"met\":1,\"breached\":1"));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1100");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build(),
                options);
    }

    /** The Debian package's program: CI installs it (.ci/run); elsewhere, a missing one fails with what to install. */
    private static File executable(String name) {
        Optional<File> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> new File(directory, name)).filter(File::canExecute).findFirst();
        if (found.isEmpty()) {
            fail(name + " is not installed: the live page's browser test drives Debian's chromium through its driver. "
                    + "Install both: sudo apt-get install -y chromium chromium-driver");
        }
        return found.get();
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.closeInOrder(browser == null ? null : browser::quit, projection, incidentService, broker);
    }

    private static String baseUrl(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    private static void open(String incidentId, String contract, String severity, Instant submittedAt) {
        incidents.post().uri("/api/v1/incidents").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"incidentId": "%s", "contractId": "%s", "severity": "%s", "product": "azure-virtual-machines",
                 "channel": "PHONE", "submittedAt": "%s"}""".formatted(incidentId, contract, severity, submittedAt))
                .exchange().expectStatus().isCreated();
    }

    private static List<WebElement> rows(String table, String incidentId) {
        return browser.findElements(By.cssSelector("#" + table + " tr[data-incident='" + incidentId + "']"));
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    @Test
    void the_page_asks_for_a_token_shows_the_picture_and_a_new_breach_within_a_second_without_reloading() throws Exception {
        browser.get(page);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("token-form")).isDisplayed());
        assertThat(browser.findElement(By.id("connection")).getAttribute("data-state")).isEqualTo("signed-out");
        browser.findElement(By.id("token-input")).sendKeys(TestTokens.token("ops", List.of(Roles.SLA_READER), null));
        browser.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> "live".equals(browser.findElement(By.id("connection")).getAttribute("data-state")));

        assertThat(rows("pending-body", "INC-2001")).hasSize(1);
        assertThat(rows("pending-body", "INC-2002")).hasSize(1);
        assertThat(rows("breaches-body", "INC-1990")).hasSize(1);
        assertThat(text("met-ratio")).isEqualTo("50.0 %");
        assertThat(text("met-detail")).isEqualTo("1 met, 1 breached");
        String countdown = rows("pending-body", "INC-2001").get(0).findElement(By.cssSelector("td.countdown")).getText();
        assertThat(countdown).matches("(\\d+d )?\\d+(:\\d\\d)?:\\d\\d");
        await().atMost(Duration.ofSeconds(3)).until(() -> !countdown.equals(
                rows("pending-body", "INC-2001").get(0).findElement(By.cssSelector("td.countdown")).getText()));

        ((JavascriptExecutor) browser).executeScript("window.loadedOnce = 'this very page'");
        Instant submittedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(895);
        open("INC-2004", CONTRACT, "1", submittedAt);
        await().atMost(Duration.ofSeconds(5)).until(() -> rows("pending-body", "INC-2004").size() == 1);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> rows("breaches-body", "INC-2004").size() == 1);
        Instant seen = Instant.now();
        Instant detectedAt = Instant.parse(rows("breaches-body", "INC-2004").get(0).findElements(By.tagName("td")).get(5)
                .getAttribute("title"));
        assertThat(Duration.between(detectedAt, seen)).as("from the incident recording the breach to the page showing it")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.loadedOnce")).as("no reload")
                .isEqualTo("this very page");
        assertThat(rows("pending-body", "INC-2004")).isEmpty();
        assertThat(text("breached-count")).isEqualTo("2");
        await().atMost(Duration.ofSeconds(5)).until(() -> text("met-detail").equals("1 met, 2 breached"));

        browser.findElement(By.cssSelector("#filter-severity option[value='B']")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> "live".equals(browser.findElement(By.id("connection")).getAttribute("data-state"))
                && rows("pending-body", "INC-2002").isEmpty() && rows("pending-body", "INC-2001").size() == 1);
        assertThat(rows("breaches-body", "INC-2004")).as("a Sev 1 breach, filtered out").isEmpty();
        browser.findElement(By.cssSelector("#filter-severity option[value='']")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> rows("breaches-body", "INC-2004").size() == 1);

        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(SCREENSHOT).isNotEmptyFile();
    }
}
