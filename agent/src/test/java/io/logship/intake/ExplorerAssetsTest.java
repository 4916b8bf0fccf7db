package io.logship.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ExplorerAssetsTest extends IntakeTestBase {
    @Test
    void servesThePageWithItsOwnScriptAndStylesheetOnly() {
        HttpResponse<String> page = client.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body())
                .contains(
                        "<script src=\"" + ExplorerAssets.SCRIPT + "\"",
                        "<link rel=\"stylesheet\" href=\"" + ExplorerAssets.STYLESHEET + "\"")
                .doesNotContain("http://", "https://", "//cdn");
    }

    @Test
    void servesTheScriptAndStylesheetWithTheirContentTypes() {
        HttpResponse<String> script = client.get(ExplorerAssets.SCRIPT);
        HttpResponse<String> stylesheet = client.get(ExplorerAssets.STYLESHEET);

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("/api/search", "/api/facets", "/api/histogram", "/api/tail", "/api/summary");
        assertThat(stylesheet.statusCode()).isEqualTo(200);
        assertThat(stylesheet.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void everyFileForbidsForeignScriptsAndFraming() {
        for (String path : new String[] {ExplorerAssets.PAGE, ExplorerAssets.SCRIPT, ExplorerAssets.STYLESHEET}) {
            HttpResponse<String> answer = client.get(path);

            assertThat(answer.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValue(ExplorerAssets.CONTENT_SECURITY_POLICY);
            assertThat(answer.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .hasValue("nosniff");
        }
        assertThat(ExplorerAssets.CONTENT_SECURITY_POLICY).contains("script-src 'self'", "frame-ancestors 'none'");
    }

    @Test
    void thePageCarriesNoRecordText() {
        client.postLogs("[{\"message\":\"<script>alert('x')</script>\",\"service\":\"<b>svc</b>\"}]");

        HttpResponse<String> page = client.get("/?query=%22%3E%3Cscript%3E");

        assertThat(page.body()).doesNotContain("alert(", "<b>svc", "\"><script>");
    }

    @Test
    void aForeignHostIsRefusedThePage() throws IOException {
        String answer = RawHttp.exchange(
                intake.port(),
                "GET / HTTP/1.1\r\nHost: evil.example:" + intake.port() + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 403");
    }

    @Test
    void otherMethodsOnTheFilesAreRefused() {
        HttpResponse<String> answer = client.post(ExplorerAssets.SCRIPT, "{}");

        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(answer.headers().firstValue("Allow")).hasValue("GET");
    }
}
