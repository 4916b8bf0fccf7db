package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The explorer routes through the real HTTP server, over records posted the way a shipper does. */
class ExplorerRoutesTest extends IntakeTestBase {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private long now;

    @BeforeEach
    void storeSampleRecords() {
        now = System.currentTimeMillis();
        String records = "["
                + record(
                        now - 5000,
                        "checkout",
                        "error",
                        "web-1",
                        "java",
                        "payment failed: card declined",
                        ",\"usr\":{\"id\":\"jd\"},\"error\":{\"kind\":\"java.lang.IllegalStateException\","
                                + "\"stack\":\"at Foo.bar(Foo.java:1)\"},\"http\":{\"status_code\":500}")
                + ","
                + record(
                        now - 4000,
                        "checkout",
                        "info",
                        "web-2",
                        "java",
                        "order placed",
                        ",\"usr\":{\"id\":\"ab\"},\"ddtags\":\"env:prod,team:pay\"")
                + "," + record(now - 3000, "search", "warn", "web-1", "python", "slow query timeout", "")
                + "," + record(now - 2000, "search", "info", "web-3", "python", "query ok", ",\"usr\":{\"id\":\"jd\"}")
                + "," + record(now - 1000, "billing", "error", "web-2", "go", "Timeout talking to bank", "")
                + "]";
        assertThat(client.postLogs(records).statusCode()).isEqualTo(202);
        awaitSearchable(5);
    }

    private static String record(
            long ts, String service, String status, String host, String source, String message, String extra) {
        return "{\"timestamp\":" + ts + ",\"service\":\"" + service + "\",\"status\":\"" + status
                + "\",\"hostname\":\"" + host + "\",\"ddsource\":\"" + source + "\",\"message\":\"" + message + "\""
                + extra + "}";
    }

    private void awaitSearchable(int total) {
        await().atMost(WAIT).until(() -> json(get("/api/search")).get("total").asLong() == total);
    }

    private HttpResponse<String> get(String pathAndQuery) {
        return client.get(pathAndQuery);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode search(String query) {
        HttpResponse<String> response = get("/api/search?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private List<String> messages(String query) {
        List<String> messages = new ArrayList<>();
        search(query)
                .get("records")
                .forEach(record -> messages.add(record.get("message").asText()));
        return messages;
    }

    @Test
    void searchReturnsNewestFirstWithTheRecordShape() {
        JsonNode answer = search("");
        assertThat(answer.get("total").asLong()).isEqualTo(5);
        assertThat(answer.get("next_cursor").isNull()).isTrue();
        assertThat(answer.get("took_ms").asLong()).isNotNegative();
        JsonNode newest = answer.get("records").get(0);
        assertThat(newest.get("message").asText()).isEqualTo("Timeout talking to bank");
        assertThat(newest.get("timestamp").asLong()).isEqualTo(now - 1000);
        assertThat(newest.get("received_at").asLong()).isPositive();
        assertThat(newest.get("id").asLong()).isPositive();
        assertThat(newest.get("status").asText()).isEqualTo("error");
        assertThat(newest.get("service").asText()).isEqualTo("billing");
        assertThat(newest.get("host").asText()).isEqualTo("web-2");
        assertThat(newest.get("source").asText()).isEqualTo("go");
        assertThat(newest.get("attributes").get("hostname").asText()).isEqualTo("web-2");
    }

    @Test
    void reservedFacetsAttributesTagsAndFreeText() {
        assertThat(messages("service:checkout")).containsExactly("order placed", "payment failed: card declined");
        assertThat(messages("status:ERROR service:checkout")).containsExactly("payment failed: card declined");
        assertThat(messages("host:web-1")).containsExactly("slow query timeout", "payment failed: card declined");
        assertThat(messages("source:python")).containsExactly("query ok", "slow query timeout");
        assertThat(messages("@usr.id:jd")).containsExactly("query ok", "payment failed: card declined");
        assertThat(messages("@http.status_code:500")).containsExactly("payment failed: card declined");
        assertThat(messages("@error.kind:java.lang.IllegalStateException"))
                .containsExactly("payment failed: card declined");
        assertThat(messages("env:prod")).containsExactly("order placed");
        assertThat(messages("timeout")).containsExactly("Timeout talking to bank", "slow query timeout");
        assertThat(messages("IllegalStateException")).containsExactly("payment failed: card declined");
        assertThat(messages("\"card declined\"")).containsExactly("payment failed: card declined");
        assertThat(messages("\"declined card\"")).isEmpty();
    }

    @Test
    void negationWildcardsAndOr() {
        assertThat(messages("-status:info -status:warn"))
                .containsExactly("Timeout talking to bank", "payment failed: card declined");
        assertThat(messages("service:check*")).hasSize(2);
        assertThat(messages("@usr.id:j*")).hasSize(2);
        assertThat(messages("Illegal*")).containsExactly("payment failed: card declined");
        assertThat(messages("service:billing OR source:python")).hasSize(3);
        assertThat(messages("(service:billing OR source:python) -timeout")).containsExactly("query ok");
        assertThat(messages("@usr.id:*")).hasSize(3);
    }

    @Test
    void pagesWithACursorUntilTheEnd() {
        JsonNode first = json(get("/api/search?limit=2"));
        assertThat(first.get("records")).hasSize(2);
        String cursor = first.get("next_cursor").asText();
        JsonNode second = json(get("/api/search?limit=2&cursor=" + cursor));
        assertThat(second.get("records").get(0).get("message").asText()).isEqualTo("slow query timeout");
        JsonNode third = json(
                get("/api/search?limit=2&cursor=" + second.get("next_cursor").asText()));
        assertThat(third.get("records")).hasSize(1);
        assertThat(third.get("total").asLong()).isEqualTo(5);
        assertThat(third.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void timeRangeIsFromInclusiveToExclusive() {
        JsonNode answer = json(get("/api/search?from=" + (now - 4000) + "&to=" + (now - 2000)));
        assertThat(answer.get("total").asLong()).isEqualTo(2);
    }

    @Test
    void facetsCountTheMatchingRecords() {
        JsonNode facets = json(get(
                        "/api/facets?query=" + URLEncoder.encode("-service:billing", StandardCharsets.UTF_8)))
                .get("facets");
        assertThat(facets.get(0).get("name").asText()).isEqualTo("service");
        assertThat(facets.get(0).get("values").toString())
                .isEqualTo("[{\"value\":\"checkout\",\"count\":2},{\"value\":\"search\",\"count\":2}]");
        assertThat(facets.get(1).get("name").asText()).isEqualTo("status");
        assertThat(facets.get(2).get("name").asText()).isEqualTo("host");
        assertThat(facets.get(3).get("name").asText()).isEqualTo("source");
        List<String> names = new ArrayList<>();
        facets.forEach(facet -> names.add(facet.get("name").asText()));
        assertThat(names).contains("@usr.id", "@error.kind").doesNotContain("@message", "@error.stack");
    }

    @Test
    void facetsOfTheWholeIndexStayExactAcrossNewRecordsAndDeletes() {
        String services = "[{\"value\":\"checkout\",\"count\":2},{\"value\":\"search\",\"count\":2},"
                + "{\"value\":\"billing\",\"count\":1}]";
        assertThat(serviceFacet()).isEqualTo(services);
        assertThat(serviceFacet()).isEqualTo(services); // the second answer comes from the per-segment counts
        assertThat(client.postLogs("[{\"message\":\"more\",\"service\":\"billing\"}]")
                        .statusCode())
                .isEqualTo(202);
        await().atMost(WAIT).until(() -> serviceFacet().contains("{\"value\":\"billing\",\"count\":2}"));
        intake.deleteAll();
        assertThat(serviceFacet()).isEqualTo("[]");
    }

    private String serviceFacet() {
        return json(get("/api/facets")).get("facets").get(0).get("values").toString();
    }

    @Test
    void histogramCountsPerBucketAndStatus() {
        JsonNode answer = json(get("/api/histogram?from=" + (now - 6000) + "&to=" + now + "&buckets=6"));
        assertThat(answer.get("interval_ms").asLong()).isEqualTo(1000);
        JsonNode buckets = answer.get("buckets");
        assertThat(buckets).hasSize(6);
        assertThat(buckets.get(0).get("start").asLong()).isEqualTo(now - 6000);
        assertThat(buckets.get(1).get("counts").toString()).isEqualTo("{\"error\":1}");
        assertThat(buckets.get(5).get("counts").toString()).isEqualTo("{\"error\":1}");
        assertThat(buckets.get(4).get("counts").toString()).isEqualTo("{\"info\":1}");
    }

    @Test
    void tailReturnsNewerRecordsOldestFirst() {
        JsonNode latest = json(get("/api/tail?limit=2"));
        long lastId = latest.get("last_id").asLong();
        assertThat(latest.get("records")).hasSize(2);
        JsonNode none = json(get("/api/tail?after=" + lastId));
        assertThat(none.get("records")).isEmpty();
        assertThat(none.get("last_id").asLong()).isEqualTo(lastId);
        assertThat(client.postLogs("[{\"message\":\"new one\",\"service\":\"x\"},{\"message\":\"other\"}]")
                        .statusCode())
                .isEqualTo(202);
        await().atMost(WAIT)
                .until(() -> json(get("/api/tail?query=service:x&after=" + lastId))
                                .get("records")
                                .size()
                        == 1);
        JsonNode tail = json(get("/api/tail?after=" + lastId));
        assertThat(tail.get("records").get(0).get("message").asText()).isEqualTo("new one");
        assertThat(tail.get("last_id").asLong()).isEqualTo(lastId + 2);
    }

    @Test
    void summaryDescribesTheStore() {
        JsonNode summary = json(get("/api/summary"));
        assertThat(summary.get("stored_records").asLong()).isEqualTo(5);
        assertThat(summary.get("stored_bytes").asLong()).isPositive();
        assertThat(summary.get("expired_records").asLong()).isZero();
        assertThat(summary.get("oldest").asLong()).isEqualTo(now - 5000);
        assertThat(summary.get("newest").asLong()).isEqualTo(now - 1000);
        assertThat(summary.get("max_bytes").asLong()).isEqualTo(intake.options().maxStoredBytes());
        assertThat(summary.get("max_age_ms").asLong())
                .isEqualTo(intake.options().maxAge().toMillis());
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        assertError("/api/search?query=" + URLEncoder.encode("\"open", StandardCharsets.UTF_8), "'query'");
        assertError("/api/search?query=service%3A", "missing value");
        assertError("/api/search?limit=0", "'limit'");
        assertError("/api/search?limit=1001", "'limit'");
        assertError("/api/search?from=yesterday", "'from'");
        assertError("/api/search?from=2000&to=1000", "'from' must be before 'to'");
        assertError("/api/search?cursor=abc", "'cursor'");
        assertError("/api/histogram?buckets=0", "'buckets'");
        assertError("/api/tail?after=-1", "'after'");
        assertError("/api/facets?limit=3", "unknown query parameter 'limit'");
        assertError("/api/search?query=a&query=b", "more than once");
    }

    private void assertError(String pathAndQuery, String expected) {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(400);
        assertThat(json(response).get("error").asText()).contains(expected);
    }

    @Test
    void deletedRecordsLeaveTheIndex() {
        intake.deleteAll();
        assertThat(json(get("/api/search")).get("total").asLong()).isZero();
    }
}
