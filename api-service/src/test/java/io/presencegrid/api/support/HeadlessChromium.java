package io.presencegrid.api.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium} driven through its {@code chromedriver}, both from apt
 * ({@code scripts/browser-test.sh} installs them). Named explicitly, so Selenium never tries to download
 * a browser or a driver of its own. Their temporary files go under {@code target/}: Chromium leaves a
 * directory in the temporary directory at every start when the driver stops it.
 */
public final class HeadlessChromium {

    private static final File BROWSER = new File(System.getenv().getOrDefault("PRESENCE_CHROMIUM", "/usr/bin/chromium"));
    private static final File DRIVER = new File(System.getenv().getOrDefault("PRESENCE_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private static final Path TEMPORARY_FILES = Path.of("target", "chromium-tmp").toAbsolutePath();

    private HeadlessChromium() {
    }

    public static ChromeDriver start() {
        if (!BROWSER.canExecute() || !DRIVER.canExecute()) {
            throw new IllegalStateException("No " + BROWSER + " or " + DRIVER
                    + ": run scripts/browser-test.sh, which installs Debian's chromium and chromium-driver");
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER)
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--window-size=1280,1100");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER).usingAnyFreePort()
                .withEnvironment(Map.of("TMPDIR", temporaryFiles().toString())).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private static Path temporaryFiles() {
        try {
            return Files.createDirectories(TEMPORARY_FILES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
