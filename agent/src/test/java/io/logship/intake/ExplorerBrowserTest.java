package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer page in a real headless chromium against the real intake: records go in through the HTTP ingest
 * route, and every check reads what the browser shows. One browser serves the whole class; screenshots go to
 * {@code target/explorer-screenshots/}. With {@code -Dlogship.explorer.screenshot=<path>} the overview is also
 * copied there (the README's picture: {@code docs/explorer.png}).
 */
class ExplorerBrowserTest extends IntakeTestBase {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String STACK_FRAME = "at com.example.checkout.PaymentService.charge(PaymentService.java:88)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChromeDriver browser;

    @BeforeAll
    void startBrowser() {
        browser = HeadlessChromium.start(1280, 1000);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void listsRecordsNewestFirstWithFacetsHistogramAndSummary() throws IOException {
        List<Map<String, Object>> records = Fixtures.shop(System.currentTimeMillis());
        post(records);

        open("/");

        assertThat(messages()).containsExactlyElementsOf(Fixtures.messagesNewestFirst(records));
        assertThat(text("count")).isEqualTo(records.size() + " of " + records.size() + " records");
        assertThat(browser.findElements(By.cssSelector("#histogram rect[data-status='error']")))
                .isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#histogram rect[data-status='info']")))
                .isNotEmpty();
        assertThat(facetValues("service")).contains("checkout", "payments", "auth");
        assertThat(facetValues("status")).contains("error", "warn", "info");
        assertThat(facetValues("host")).contains("web-1");
        assertThat(text("summary")).startsWith(records.size() + " records stored");
        assertThat(pageScrollsSideways()).isFalse();
        Path overview = HeadlessChromium.screenshot(browser, "overview");
        copyForReadme(overview);
    }

    @Test
    void aNarrowWindowWrapsInsteadOfScrollingSideways() {
        post(Fixtures.shop(System.currentTimeMillis()));
        Dimension wide = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(560, 900));
            open("/");

            assertThat(messages()).isNotEmpty();
            assertThat(pageScrollsSideways()).isFalse();
            HeadlessChromium.screenshot(browser, "narrow");
        } finally {
            browser.manage().window().setSize(wide);
        }
    }

    @Test
    void searchBoxRunsTheQueryOnEnterAndTheUrlReproducesTheView() {
        post(Fixtures.shop(System.currentTimeMillis()));
        open("/");

        awaitSearch(() -> browser.findElement(By.id("query")).sendKeys("service:checkout status:error" + Keys.ENTER));

        assertThat(messages()).containsExactly(Fixtures.ERROR_MESSAGE);
        assertThat(decodedUrl()).contains("query=service:checkout status:error");
        load(browser.getCurrentUrl());
        assertThat(browser.findElement(By.id("query")).getDomProperty("value"))
                .isEqualTo("service:checkout status:error");
        assertThat(messages()).containsExactly(Fixtures.ERROR_MESSAGE);
    }

    @Test
    void clickingAFacetValueFiltersAndTheMinusExcludes() {
        List<Map<String, Object>> records = Fixtures.shop(System.currentTimeMillis());
        post(records);
        open("/");

        awaitSearch(() -> facetButton("service", "payments", "facet-value").click());

        assertThat(browser.findElement(By.id("query")).getDomProperty("value")).isEqualTo("service:payments");
        assertThat(services()).isNotEmpty().containsOnly("payments");
        assertThat(decodedUrl()).contains("query=service:payments");

        awaitSearch(() -> facetButton("status", "info", "facet-exclude").click());

        assertThat(browser.findElement(By.id("query")).getDomProperty("value"))
                .isEqualTo("service:payments -status:info");
        assertThat(statuses()).isNotEmpty().doesNotContain("info");
        assertThat(services()).containsOnly("payments");
        HeadlessChromium.screenshot(browser, "facet-filtered");

        WebElement payments = facetButton("service", "payments", "facet-value");
        awaitSearch(() -> new Actions(browser)
                .keyDown(Keys.SHIFT)
                .click(payments)
                .keyUp(Keys.SHIFT)
                .perform());

        assertThat(browser.findElement(By.id("query")).getDomProperty("value"))
                .isEqualTo("-status:info -service:payments");
        assertThat(services()).isNotEmpty().doesNotContain("payments");
        assertThat(statuses()).doesNotContain("info");
    }

    @Test
    void recordDetailShowsAttributesAsJsonAndTheStackTraceAndEscCloses() {
        post(Fixtures.shop(System.currentTimeMillis()));
        open("/?query=status:error");

        browser.findElement(By.cssSelector("#records .record")).click();

        WebElement detail = browser.findElement(By.id("detail"));
        until(d -> detail.isDisplayed());
        assertThat(detail.findElement(By.cssSelector("pre.stack")).getText()).contains(STACK_FRAME);
        assertThat(detail.findElement(By.cssSelector("pre.json")).getText())
                .contains("\"user\": \"jd\"", "\"kind\": \"java.lang.IllegalStateException\"");
        HeadlessChromium.screenshot(browser, "detail");

        browser.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);

        until(d -> !detail.isDisplayed());
    }

    @Test
    void liveTailPutsANewRecordOnTopAndCanBePaused() {
        post(List.of(Fixtures.record(System.currentTimeMillis() - 60_000, "web", "info", "already there")));
        open("/");
        WebElement toggle = browser.findElement(By.id("live-toggle"));

        awaitSearch(toggle::click);
        post(List.of(Fixtures.record(System.currentTimeMillis(), "web", "warn", "arrived while tailing")));

        until(d -> !messages().isEmpty() && messages().get(0).equals("arrived while tailing"));
        assertThat(messages()).containsExactly("arrived while tailing", "already there");
        assertThat(text("count")).isEqualTo("2 of 2 records");
        assertThat(toggle.getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(decodedUrl()).contains("live=1");
        HeadlessChromium.screenshot(browser, "live-tail");

        toggle.click();

        assertThat(toggle.getDomAttribute("aria-pressed")).isEqualTo("false");
        assertThat(decodedUrl()).doesNotContain("live=1");
    }

    @Test
    void paginatesOlderRecordsShowingNOfM() {
        long now = System.currentTimeMillis();
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            records.add(Fixtures.record(now - 60_000 + i * 500L, "batch", "info", "line " + i));
        }
        post(records);
        open("/");

        assertThat(text("count")).isEqualTo("50 of 60 records");
        assertThat(messages()).hasSize(50).startsWith("line 59");

        browser.findElement(By.id("more")).click();

        until(d -> messages().size() == 60);
        assertThat(text("count")).isEqualTo("60 of 60 records");
        assertThat(messages()).endsWith("line 1", "line 0").doesNotHaveDuplicates();
        assertThat(browser.findElement(By.id("more")).isDisplayed()).isFalse();
    }

    @Test
    void emptyStateSaysHowToSendARecordThenSaysWhenNothingMatches() {
        open("/");

        WebElement empty = browser.findElement(By.id("empty"));
        assertThat(empty.isDisplayed()).isTrue();
        assertThat(empty.getText()).contains("No records yet", "logship-agent send", "> /dev/tcp/127.0.0.1/10518");
        HeadlessChromium.screenshot(browser, "empty");

        post(List.of(Fixtures.record(System.currentTimeMillis(), "web", "info", "hello")));
        open("/?query=service:no-such-service");

        assertThat(browser.findElement(By.id("empty")).getText())
                .contains("No records match", "service:no-such-service");
        assertThat(messages()).isEmpty();
    }

    @Test
    void recordTextIsShownAsTextNeverRunAsMarkup() {
        String message = "<script>window.xss=1</script><img src=x onerror=\"window.xss=2\">";
        Map<String, Object> record = Fixtures.record(System.currentTimeMillis(), "<b>svc</b>", "error", message);
        record.put("note", "<svg onload=\"window.xss=3\"></svg>");
        post(List.of(record));

        open("/");
        browser.findElement(By.cssSelector("#records .record")).click();

        assertThat(messages()).containsExactly(message);
        assertThat(services()).containsExactly("<b>svc</b>");
        assertThat(browser.findElements(By.cssSelector("#records img, #records script, #records b, #detail svg")))
                .isEmpty();
        assertThat(browser.findElement(By.cssSelector("#detail pre.json")).getText())
                .contains("<svg onload=\\\"window.xss=3\\\"></svg>");
        assertThat(browser.executeScript("return window.xss === undefined")).isEqualTo(true);
    }

    @Test
    void timeRangePickerWidensTheWindowAndACustomRangeComesFromTheUrl() {
        long now = System.currentTimeMillis();
        post(List.of(
                Fixtures.record(now - 2 * 3_600_000L, "web", "info", "two hours ago"),
                Fixtures.record(now - 60_000, "web", "info", "a minute ago")));
        open("/");
        assertThat(messages()).containsExactly("a minute ago");

        awaitSearch(() -> new Select(browser.findElement(By.id("range"))).selectByValue("1d"));

        assertThat(messages()).containsExactly("a minute ago", "two hours ago");
        assertThat(decodedUrl()).contains("range=1d");

        new Select(browser.findElement(By.id("range"))).selectByValue("custom");
        setLocalTime("from", now - 3 * 3_600_000L);
        setLocalTime("to", now - 3_600_000L);
        awaitSearch(() -> browser.findElement(By.id("search-button")).click());

        assertThat(messages()).containsExactly("two hours ago");

        open("/?from=" + (now - 3 * 3_600_000L) + "&to=" + (now - 3_600_000L));

        assertThat(messages()).containsExactly("two hours ago");
        assertThat(new Select(browser.findElement(By.id("range")))
                        .getFirstSelectedOption()
                        .getDomProperty("value"))
                .isEqualTo("custom");
        assertThat(browser.findElement(By.id("from")).isDisplayed()).isTrue();
    }

    @Test
    void clickingAHistogramBarZoomsIntoItsInterval() {
        List<Map<String, Object>> records = Fixtures.shop(System.currentTimeMillis());
        post(records);
        open("/");
        WebElement errorBar = browser.findElement(By.cssSelector("#histogram rect[data-status='error']"));

        awaitSearch(errorBar::click);

        assertThat(messages()).contains(Fixtures.ERROR_MESSAGE).hasSizeLessThan(records.size());
        assertThat(new Select(browser.findElement(By.id("range")))
                        .getFirstSelectedOption()
                        .getDomProperty("value"))
                .isEqualTo("custom");
        assertThat(decodedUrl()).contains("from=", "to=");
    }

    @Test
    void aQueryTheIntakeRejectsShowsItsErrorOnThePage() {
        post(List.of(Fixtures.record(System.currentTimeMillis(), "web", "info", "hello")));
        open("/");

        awaitSearch(() -> browser.findElement(By.id("query")).sendKeys("service:web (status:info" + Keys.ENTER));

        WebElement error = browser.findElement(By.id("error"));
        assertThat(error.isDisplayed()).isTrue();
        assertThat(error.getText()).startsWith("query parameter 'query': unclosed '('");
        assertThat(browser.findElement(By.id("empty")).isDisplayed()).isFalse();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Waits until the search index has caught up with the store's reset (it follows the store a moment later). */
    @BeforeEach
    void awaitEmptyIndex() {
        await().atMost(WAIT).until(() -> searchableRecords() == 0);
    }

    /** Posts through the HTTP ingest route, then waits until the records are searchable. */
    private void post(List<Map<String, Object>> records) {
        long before = searchableRecords();
        try {
            assertThat(client.postLogs(JSON.writeValueAsString(records)).statusCode())
                    .isEqualTo(202);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        await().atMost(WAIT).until(() -> searchableRecords() == before + records.size());
    }

    private long searchableRecords() {
        HttpResponse<String> answer = client.get("/api/search?limit=1&from=0&to=" + Long.MAX_VALUE);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        try {
            return JSON.readTree(answer.body()).get("total").asLong();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads {@code pathAndQuery} and waits until the page has shown its first search in full. */
    private void open(String pathAndQuery) {
        load(intake.baseUrl().resolve(pathAndQuery).toString());
    }

    private void load(String url) {
        browser.get(url);
        until(d -> searchesShown() >= 1);
    }

    /** Runs {@code action} and waits until the search it starts is shown in full. */
    private void awaitSearch(Runnable action) {
        int before = searchesShown();
        action.run();
        until(d -> searchesShown() > before);
    }

    private int searchesShown() {
        Object value = browser.executeScript("return document.body.dataset.searches || '0'");
        return Integer.parseInt(String.valueOf(value));
    }

    private <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT).until(condition);
    }

    private List<String> messages() {
        return column("message");
    }

    private List<String> services() {
        return column("service");
    }

    private List<String> statuses() {
        return column("status");
    }

    /** A column of the record list, as the DOM holds it (the status column is upper-cased by CSS only). */
    private List<String> column(String name) {
        List<String> values = new ArrayList<>();
        for (WebElement cell : browser.findElements(By.cssSelector("#records .record ." + name))) {
            values.add(cell.getDomProperty("textContent"));
        }
        return values;
    }

    private List<String> facetValues(String facet) {
        List<String> values = new ArrayList<>();
        for (WebElement button :
                browser.findElements(By.cssSelector("#facets section[data-facet='" + facet + "'] .facet-value"))) {
            values.add(button.getDomAttribute("data-value"));
        }
        return values;
    }

    private WebElement facetButton(String facet, String value, String kind) {
        return browser.findElement(By.xpath("//section[@data-facet='" + facet + "']//li[button[@data-value='" + value
                + "']]/button[contains(@class,'" + kind + "')]"));
    }

    /** Sets a datetime-local input as a user would (typing into one depends on the browser's locale). */
    private void setLocalTime(String id, long epochMillis) {
        browser.executeScript(
                "const d = new Date(arguments[1]); d.setMinutes(d.getMinutes() - d.getTimezoneOffset());"
                        + " document.getElementById(arguments[0]).value = d.toISOString().slice(0, 19);",
                id,
                epochMillis);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private String decodedUrl() {
        return URLDecoder.decode(browser.getCurrentUrl(), StandardCharsets.UTF_8);
    }

    private boolean pageScrollsSideways() {
        return (Boolean) browser.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
    }

    private static void copyForReadme(Path screenshot) throws IOException {
        String target = System.getProperty("logship.explorer.screenshot");
        if (target != null && !target.isBlank()) {
            Path path = Path.of(target);
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.copy(screenshot, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Realistic records: several services, hosts and statuses, one error with a stack trace. */
    static final class Fixtures {
        static final String ERROR_MESSAGE = "payment failed for order 1042: card declined";

        private Fixtures() {}

        static Map<String, Object> record(long timestamp, String service, String status, String message) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("timestamp", timestamp);
            record.put("service", service);
            record.put("status", status);
            record.put("hostname", "web-1");
            record.put("ddsource", "java");
            record.put("message", message);
            return record;
        }

        static List<Map<String, Object>> shop(long now) {
            List<Map<String, Object>> records = new ArrayList<>();
            records.add(with(record(now - 540_000, "auth", "info", "user jd signed in"), "user", "jd"));
            records.add(with(record(now - 480_000, "checkout", "info", "cart 77 has 3 items"), "user", "jd"));
            records.add(
                    with(record(now - 420_000, "payments", "info", "charging 59.90 EUR for order 1042"), "user", "jd"));
            Map<String, Object> error = with(record(now - 400_000, "checkout", "error", ERROR_MESSAGE), "user", "jd");
            error.put("hostname", "web-2");
            error.put(
                    "error",
                    Map.of(
                            "kind", "java.lang.IllegalStateException",
                            "message", "card declined",
                            "stack",
                                    "java.lang.IllegalStateException: card declined\n\t" + STACK_FRAME
                                            + "\n\tat com.example.checkout.CheckoutController.pay(CheckoutController.java:41)"
                                            + "\n\tat java.base/java.lang.Thread.run(Thread.java:1583)"));
            error.put("http", Map.of("method", "POST", "status_code", 502, "url", "/api/orders/1042/pay"));
            records.add(error);
            records.add(with(
                    record(now - 390_000, "payments", "warn", "retrying charge for order 1042, attempt 2"),
                    "user",
                    "jd"));
            records.add(with(
                    record(now - 300_000, "payments", "info", "charge for order 1042 accepted on retry"),
                    "user",
                    "jd"));
            records.add(with(record(now - 240_000, "auth", "warn", "3 failed sign-ins for ann"), "user", "ann"));
            records.add(with(record(now - 180_000, "inventory", "debug", "stock for sku 8812 is 14"), "sku", "8812"));
            records.add(with(
                    record(now - 120_000, "checkout", "info", "order 1043 placed, 1 item, total 12.00 EUR"),
                    "user",
                    "ann"));
            records.add(with(
                    record(
                            now - 60_000,
                            "web",
                            "info",
                            "GET /products?category=shoes&page=2&sort=price-ascending&utm_source=newsletter"
                                    + "&utm_medium=email&utm_campaign=winter-sale 200 in 37 ms"),
                    "user",
                    "ann"));
            // Posted out of time order: the page sorts by the record's own timestamp, not by arrival.
            Map<String, Object> late = records.remove(2);
            records.add(late);
            String[] paths = {"/", "/products?category=shoes", "/cart", "/products/8812", "/api/orders"};
            for (int i = 0; i < 24; i++) {
                boolean slow = i % 9 == 4;
                Map<String, Object> access = record(
                        now - 830_000 + i * 33_000L,
                        "web",
                        slow ? "warn" : "info",
                        "GET " + paths[i % paths.length] + " 200 in " + (slow ? 1200 + i : 20 + i) + " ms");
                access.put("hostname", i % 2 == 0 ? "web-1" : "web-3");
                access.put("ddsource", "nginx");
                access.put("http", Map.of("method", "GET", "status_code", 200));
                records.add(access);
            }
            return records;
        }

        static List<String> messagesNewestFirst(List<Map<String, Object>> records) {
            List<Map<String, Object>> sorted = new ArrayList<>(records);
            sorted.sort((a, b) -> Long.compare((Long) b.get("timestamp"), (Long) a.get("timestamp")));
            return sorted.stream().map(r -> (String) r.get("message")).toList();
        }

        private static Map<String, Object> with(Map<String, Object> record, String name, Object value) {
            record.put(name, value);
            return record;
        }
    }
}
