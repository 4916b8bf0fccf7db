package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryTest extends IntakeTestBase {

    /** Control routes on: this class deletes over HTTP. */
    @Override
    LocalIntakeOptions.Builder options(Path directory) {
        return super.options(directory).knobs(true);
    }

    @BeforeEach
    void storeSampleRecords() {
        HttpResponse<String> response = client.postLogs("["
                + "{\"message\":\"user logged in\",\"service\":\"web\",\"status\":\"info\",\"timestamp\":1000},"
                + "{\"message\":\"Disk FULL on /var\",\"service\":\"db\",\"status\":\"error\",\"timestamp\":2000},"
                + "{\"message\":\"100% done_now\",\"service\":\"web\",\"status\":\"ERROR\","
                + "\"timestamp\":\"1970-01-01T00:00:03Z\"},"
                + "{\"message\":\"no time\",\"service\":\"batch\",\"status\":\"warn\"}]");
        assertThat(response.statusCode()).isEqualTo(202);
        intake.resetStats();
    }

    private List<String> messages(RecordQuery query) {
        return intake.query(query).stream().map(StoredRecord::message).toList();
    }

    @Test
    void returnsNewestFirst() {
        assertThat(messages(RecordQuery.all()))
                .containsExactly("no time", "100% done_now", "Disk FULL on /var", "user logged in");
    }

    @Test
    void filtersByService() {
        assertThat(messages(RecordQuery.all().withService("web"))).containsExactly("100% done_now", "user logged in");
    }

    @Test
    void filtersByStatusIgnoringCase() {
        assertThat(messages(RecordQuery.all().withStatus("error")))
                .containsExactly("100% done_now", "Disk FULL on /var");
    }

    @Test
    void filtersByTextIgnoringCaseAndTreatingLikeWildcardsLiterally() {
        assertThat(messages(RecordQuery.all().withText("disk full"))).containsExactly("Disk FULL on /var");
        assertThat(messages(RecordQuery.all().withText("100%"))).containsExactly("100% done_now");
        assertThat(messages(RecordQuery.all().withText("_"))).containsExactly("100% done_now");
        assertThat(messages(RecordQuery.all().withText("%"))).containsExactly("100% done_now");
    }

    @Test
    void textFindsErrorFieldsAndAnyAttributeValueIgnoringCase() {
        client.postLogs(
                "[{\"message\":\"checkout failed\",\"service\":\"shop\",\"usr\":{\"id\":\"JD-42\"},"
                        + "\"error\":{\"kind\":\"java.lang.IllegalStateException\",\"message\":\"cart is empty\","
                        + "\"stack\":\"java.lang.IllegalStateException: cart is empty\\n\\tat shop.Cart.pay(Cart.java:42)\"}}]");

        assertThat(messages(RecordQuery.all().withText("IllegalStateException")))
                .containsExactly("checkout failed");
        assertThat(messages(RecordQuery.all().withText("illegalstateexception")))
                .containsExactly("checkout failed");
        assertThat(messages(RecordQuery.all().withText("cart is EMPTY"))).containsExactly("checkout failed");
        assertThat(messages(RecordQuery.all().withText("Cart.java:42"))).containsExactly("checkout failed");
        assertThat(messages(RecordQuery.all().withText("jd-42"))).containsExactly("checkout failed");
        assertThat(client.get("/api/count?q=IllegalStateException").body()).isEqualTo("{\"count\":1}");
    }

    @Test
    void textWithQuotesAndBackslashesIsAValueNotSql() {
        client.postLogs(
                "[{\"message\":\"it's \\\"quoted\\\" C:\\\\tmp\"},{\"message\":\"other\",\"path\":\"C:\\\\logs\"}]");

        assertThat(messages(RecordQuery.all().withText("it's \"QUOTED\""))).containsExactly("it's \"quoted\" C:\\tmp");
        assertThat(messages(RecordQuery.all().withText("c:\\logs"))).containsExactly("other");
        assertThat(messages(RecordQuery.all().withText("' OR '1'='1"))).isEmpty();
        assertThat(messages(RecordQuery.all().withText("'); DELETE FROM records; --")))
                .isEmpty();
        assertThat(client.get("/api/count?q=%27%20OR%20%271%27%3D%271").body()).isEqualTo("{\"count\":0}");
        assertThat(intake.count(RecordQuery.all())).isEqualTo(6);
    }

    @Test
    void filtersByTimeRangeFromInclusiveToExclusive() {
        RecordQuery range =
                RecordQuery.all().withFrom(Instant.ofEpochMilli(2000)).withTo(Instant.ofEpochMilli(3000));

        assertThat(messages(range)).containsExactly("Disk FULL on /var");
    }

    @Test
    void usesTheReceiveTimeWhenARecordHasNoTimestamp() {
        StoredRecord noTime =
                intake.query(RecordQuery.all().withService("batch")).get(0);

        assertThat(noTime.timestamp()).isEqualTo(noTime.receivedAt());
        assertThat(noTime.receivedAt()).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void combinesFiltersAndLimits() {
        assertThat(messages(RecordQuery.all().withService("web").withStatus("error")))
                .containsExactly("100% done_now");
        assertThat(messages(RecordQuery.all().withLimit(1))).containsExactly("no time");
        assertThat(intake.count(RecordQuery.all().withService("web").withLimit(1)))
                .isEqualTo(2);
    }

    @Test
    void answersRecordQueriesOverHttp() {
        HttpResponse<String> response =
                client.get("/api/records?service=web&status=error&q=DONE&from=1970-01-01T00:00:02Z&to=4000&limit=5");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .startsWith("{\"count\":1,\"records\":[{\"id\":")
                .contains(
                        "\"timestamp\":\"1970-01-01T00:00:03Z\"",
                        "\"service\":\"web\"",
                        "\"message\":\"100% done_now\"",
                        "\"json\":{\"message\":\"100% done_now\",\"service\":\"web\",\"status\":\"ERROR\"");
    }

    @Test
    void countsOverHttp() {
        assertThat(client.get("/api/count?service=web").body()).isEqualTo("{\"count\":2}");
        assertThat(client.get("/api/count").body()).isEqualTo("{\"count\":4}");
    }

    @Test
    void treatsEmptyParametersAsNoFilter() {
        assertThat(client.get("/api/count?service=&status=&q=").body()).isEqualTo("{\"count\":4}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "limit=0          | query parameter 'limit' must be an integer between 1 and 10000: '0'",
                "limit=abc        | query parameter 'limit' must be an integer between 1 and 10000: 'abc'",
                "limit=10001      | query parameter 'limit' must be an integer between 1 and 10000: '10001'",
                "from=yesterday   | query parameter 'from' must be an ISO-8601 instant or epoch milliseconds: 'yesterday'",
                "to=2024-13-01    | query parameter 'to' must be an ISO-8601 instant or epoch milliseconds: '2024-13-01'",
                "colour=red       | unknown query parameter 'colour': expected service, status, q, from, to or limit",
                "service=a&service=b | query parameter 'service' is given more than once",
            })
    void refusesBadQueryParametersWith400(String query, String message) {
        HttpResponse<String> records = client.get("/api/records?" + query);
        HttpResponse<String> count = client.get("/api/count?" + query);

        assertThat(records.statusCode()).isEqualTo(400);
        assertThat(records.body()).isEqualTo("{\"errors\":[\"" + message + "\"]}");
        assertThat(count.statusCode()).isEqualTo(400);
    }

    @Test
    void countsAnswersPerRouteAndStatus() {
        client.postLogs("[{}]");
        client.postLogs("[{}]");
        client.postLogs("not json");
        client.postLogs("/v1/input", IntakeClient.utf8("[{}]"), null, null);
        client.get("/nowhere");

        HttpResponse<String> stats = client.get("/api/stats");

        assertThat(intake.routeStats())
                .containsEntry("/api/v2/logs", Map.of(202, 2L, 400, 1L))
                .containsEntry("/v1/input", Map.of(202, 1L))
                .containsEntry(RouteStats.OTHER_ROUTE, Map.of(404, 1L));
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.body())
                .isEqualTo("{\"mode\":\"store\",\"records_accepted\":3,\"bytes_accepted\":12,"
                        + "\"records_stored\":7,\"stored_bytes\":313,\"records_expired\":0,\"probe\":{\"count\":0,\"p50_us\":0,\"p99_us\":0,\"max_us\":0},\"routes\":{\"(other)\":{\"404\":1},\"/api/v2/logs\":{\"202\":2,\"400\":1},"
                        + "\"/v1/input\":{\"202\":1}}}");
    }

    @Test
    void deletesAllRecordsOverHttp() {
        HttpResponse<String> deleted = client.method("DELETE", "/api/records");

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{\"deleted\":4}");
        assertThat(intake.count(RecordQuery.all())).isZero();
    }

    @Test
    void answersHealth() {
        assertThat(client.get("/health").body()).isEqualTo("{\"status\":\"ok\"}");
    }
}
