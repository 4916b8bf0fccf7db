package io.logship.intake;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium} driven headless by its {@code chromedriver} (both installed by {@code .ci/run}), for
 * the explorer page's browser tests.
 *
 * <p>Both binaries are given by path, so Selenium Manager never runs (it would try to download a browser, and
 * there is no internet here). When they are missing the tests are skipped, or fail when
 * {@value #REQUIRE_ENV}{@code =1} (CI sets it).
 */
final class HeadlessChromium {
    /** Set to 1 in CI: a missing browser then fails the tests instead of skipping them. */
    static final String REQUIRE_ENV = "LOGSHIP_REQUIRE_DAEMONS";

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /** Where screenshots go, under the agent module's {@code target/}. */
    static final Path SCREENSHOTS = Path.of("target", "explorer-screenshots");

    private HeadlessChromium() {}

    /** Starts a headless browser with a {@code width}×{@code height} window; skips or fails when none is installed. */
    static ChromeDriver start(int width, int height) {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            String why = BROWSER + " or " + DRIVER + " is not installed (apt-get install chromium chromium-driver)";
            if ("1".equals(System.getenv(REQUIRE_ENV))) {
                fail(why + ", and " + REQUIRE_ENV + "=1 says the browser tests must run");
            }
            Assumptions.abort(why + "; skipping (set " + REQUIRE_ENV + "=1 to make this a failure)");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox", // CI runs as root, where chromium's sandbox refuses to start
                        "--disable-dev-shm-usage",
                        "--disable-gpu",
                        "--no-first-run",
                        "--lang=en-US",
                        "--window-size=" + width + "," + height);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    /** Saves what the browser shows as {@code target/explorer-screenshots/<name>.png} and returns that path. */
    static Path screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(taken, target, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(taken);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
