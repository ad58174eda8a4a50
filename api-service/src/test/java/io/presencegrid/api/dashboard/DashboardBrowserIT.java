package io.presencegrid.api.dashboard;

import org.springframework.beans.factory.annotation.Autowired;
import io.presencegrid.api.support.ApiGridTest;
import static io.presencegrid.api.support.TestJwt.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencegrid.api.support.HeadlessChromium;
import io.presencegrid.clienttools.api.ApiClient;
import io.presencegrid.testing.GridTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in headless Chromium against a real API on a real two-node grid: the page signs in with
 * a pasted token, follows a user over the real WebSocket, and shows a status change made through the
 * HTTP API, in the feed and in the counts. And the demo room (/demo/room.html) in two tabs, two users:
 * each sees the other join, change status and leave. Not part of {@code mvn verify}: it needs Debian's chromium,
 * which {@code scripts/browser-test.sh} installs before running it.
 */
@ApiGridTest(name = "api-dashboard", properties = "presence.rate-limit.per-second=100000")
class DashboardBrowserIT {

    private static final Duration PAGE_WAIT = Duration.ofSeconds(20);
    /** A message that would run script if the page ever put user data in as HTML. */
    private static final String HOSTILE_MESSAGE = "<img src=x onerror=\\\"document.title='pwned'\\\">";

    @Autowired
    private GridTestCluster grid;

    @LocalServerPort
    private int port;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, PAGE_WAIT);
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void anAdminSeesCountsGridNodesAndAFollowedUsersChangeLive() throws Exception {
        ApiClient api = new ApiClient(port);
        api.update(TOKENS.user("dash-carol"), "dash-carol", "phone", "online").expect(200);

        browser.get("http://127.0.0.1:" + port + "/");
        signIn(TOKENS.admin("dash-admin"));

        waitForText("grid-state", "ACTIVE");
        assertThat(text("grid-servers")).isEqualTo("2");
        assertThat(browser.findElements(By.cssSelector("#grid-nodes tr"))).as("2 servers and this API node").hasSize(3);
        waitForText("count-online", "1");
        assertThat(text("count-busy")).isEqualTo("0");

        browser.findElement(By.id("follow-users")).sendKeys("dash-alice");
        browser.findElement(By.id("follow")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#followed tr[data-user='dash-alice']")));

        String alice = TOKENS.user("dash-alice");
        assertThat(api.post("/v1/status/update", alice, "{\"userId\":\"dash-alice\",\"device\":\"laptop\","
                + "\"status\":\"busy\",\"message\":\"" + HOSTILE_MESSAGE + "\"}").status()).isEqualTo(200);

        WebElement change = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#feed tr[data-user='dash-alice'][data-version='1']")));
        assertThat(change.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .as("time, user, status, previous, reason, version")
                .containsSubsequence("dash-alice", "busy", "offline", "update", "1");
        WebElement followed = browser.findElement(By.cssSelector("#followed tr[data-user='dash-alice']"));
        wait.until(ExpectedConditions.textToBePresentInElement(followed, "busy"));
        assertThat(followed.getText()).as("the message shown as text").contains("<img src=x onerror=");
        assertThat(browser.findElements(By.cssSelector("main img"))).as("no markup from user data").isEmpty();
        assertThat(browser.getTitle()).isEqualTo("presence-grid dashboard");
        waitForText("count-busy", "1");

        Files.write(Path.of("target", "dashboard.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aTokenWithoutTheAdminScopeIsToldCountsNeedIt() {
        browser.get("http://127.0.0.1:" + port + "/");
        signIn(TOKENS.user("dash-viewer"));

        WebElement message = browser.findElement(By.id("stats-message"));
        wait.until(ExpectedConditions.visibilityOf(message));
        assertThat(message.getText()).contains("presence:admin");
        assertThat(text("count-online")).isEqualTo("-");
        waitForText("socket-state", "open");
    }

    @Test
    void inTheDemoRoomTwoUsersInTwoTabsSeeEachOtherJoinChangeAndLeave() {
        String room = "http://127.0.0.1:" + port + "/demo/room.html";
        browser.get(room);
        String annTab = browser.getWindowHandle();
        enterRoom(TOKENS.user("demo-ann"), "demo-1");
        waitForText("occupancy", "1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#members tr[data-user='demo-ann']")));

        browser.switchTo().newWindow(WindowType.TAB);
        String benTab = browser.getWindowHandle();
        browser.get(room);
        enterRoom(TOKENS.user("demo-ben"), "demo-1");
        waitForText("occupancy", "2");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#members tr[data-user='demo-ann']")));

        browser.switchTo().window(annTab);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#members tr[data-user='demo-ben']")));
        waitForText("occupancy", "2");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#events tr[data-user='demo-ben'][data-event='joined']")));

        browser.switchTo().window(benTab);
        new Select(browser.findElement(By.id("status"))).selectByVisibleText("busy");
        browser.switchTo().window(annTab);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#members tr[data-user='demo-ben'][data-status='busy']")));

        browser.switchTo().window(benTab);
        browser.findElement(By.id("leave-room")).click();
        browser.switchTo().window(annTab);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#events tr[data-user='demo-ben'][data-event='left']")));
        waitForText("occupancy", "1");
        assertThat(browser.findElements(By.cssSelector("#members tr[data-user='demo-ben']"))).isEmpty();
        assertThat(browser.getTitle()).isEqualTo("presence-grid room");
    }

    private void enterRoom(String token, String roomId) {
        browser.findElement(By.id("token")).sendKeys(token);
        WebElement roomField = browser.findElement(By.id("room"));
        roomField.clear();
        roomField.sendKeys(roomId);
        browser.findElement(By.id("enter-room")).click();
    }

    private void signIn(String token) {
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("sign-in")).click();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void waitForText(String id, String expected) {
        wait.until((WebDriver page) -> expected.equals(page.findElement(By.id(id)).getText()));
    }
}
