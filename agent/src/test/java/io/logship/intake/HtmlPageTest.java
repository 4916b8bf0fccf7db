package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HtmlPageTest extends IntakeTestBase {
    @Test
    void rendersLatestRecordsInATable() {
        client.postLogs("[{\"message\":\"first line\",\"service\":\"api\",\"status\":\"info\",\"hostname\":\"h\"},"
                + "{\"message\":\"second line\",\"service\":\"worker\",\"status\":\"warn\"}]");

        HttpResponse<String> page = client.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body())
                .contains("<table>", "<form method=\"get\" action=\"/\">", "first line", "second line", "2 stored (");
        assertThat(page.body().indexOf("second line")).isLessThan(page.body().indexOf("first line"));
    }

    @Test
    void appliesTheFormFilters() {
        client.postLogs("[{\"message\":\"from api\",\"service\":\"api\"},{\"message\":\"from worker\","
                + "\"service\":\"worker\"}]");

        HttpResponse<String> page = client.get("/?service=worker&status=&q=");

        assertThat(page.body())
                .contains("from worker")
                .doesNotContain("from api")
                .contains("name=\"service\" value=\"worker\"");
    }

    @Test
    void escapesMarkupFromRecordsAndFromTheQuery() {
        client.postLogs("[{\"message\":\"<script>alert('x')</script>\",\"service\":\"<b>svc</b>\","
                + "\"ddtags\":\"a&b\",\"status\":\"\\\"quoted\\\"\"}]");

        HttpResponse<String> page = client.get("/?q=%22%3E%3Cscript%3E");
        HttpResponse<String> all = client.get("/");

        assertThat(all.body())
                .doesNotContain("<script>", "<b>svc")
                .contains(
                        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
                        "&lt;b&gt;svc&lt;/b&gt;",
                        "a&amp;b",
                        "&quot;quoted&quot;");
        assertThat(page.body()).doesNotContain("\"><script>").contains("value=\"&quot;&gt;&lt;script&gt;\"");
    }
}
