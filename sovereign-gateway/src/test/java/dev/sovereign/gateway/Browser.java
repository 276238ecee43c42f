package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver, with a fresh profile, the browser console recorded, and
 * screenshots written under {@code target/ui-screenshots/}.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() {
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            assertThat(Files.isExecutable(p))
                    .as(p + " is missing: apt-get install chromium chromium-driver (.ci/run does)")
                    .isTrue();
        }
        try {
            Path profile = Files.createTempDirectory("sovereign-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(1360, 900));
            Files.createDirectories(SCREENSHOTS);
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open(String url) {
        driver.get(url);
    }

    /** A wait of up to 20 seconds that tries again when the page replaced an element it was reading. */
    WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement waitFor(String css) {
        return await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until the page of {@code id} has loaded its data ({@code data-ready="true"} on its root). */
    void awaitPage(String id) {
        await().until(d -> !d.findElements(By.cssSelector("#page > #" + id + "[data-ready='true']"))
                .isEmpty());
    }

    /**
     * Runs {@code action}, which makes the dashboard render a page anew (a link, a changed address), and waits until
     * the page of {@code id} that replaced the one shown before has loaded its data.
     */
    void awaitNewPage(String id, Runnable action) {
        List<WebElement> before = all("#page > *");
        action.run();
        if (!before.isEmpty()) await().until(ExpectedConditions.stalenessOf(before.get(0)));
        awaitPage(id);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /**
     * The number of painted pixels in each canvas under {@code css}, with its size: a chart that rendered has a
     * canvas of non-zero size with many painted pixels.
     */
    @SuppressWarnings("unchecked")
    List<List<Long>> canvases(String css) {
        return (List<List<Long>>) script("""
                return [...document.querySelectorAll(arguments[0] + ' canvas')].map(c => {
                  const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  let painted = 0;
                  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
                  return [c.width, c.height, painted];
                });""", css);
    }

    /** Writes a screenshot of the window as {@code target/ui-screenshots/name.png}; returns its path. */
    Path screenshot(String name) {
        try {
            Path to = SCREENSHOTS.resolve(name + ".png");
            Files.write(to, driver.getScreenshotAs(OutputType.BYTES));
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #screenshot}, with the window {@code height} pixels tall for the picture, then as before. */
    Path screenshot(String name, int height) {
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(before.getWidth(), height));
        try {
            return screenshot(name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** The console messages at SEVERE since the last call, less those an expected failure causes. */
    List<String> consoleErrors(Pattern... expected) {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() < Level.SEVERE.intValue()) continue;
            boolean allowed = false;
            for (Pattern p : expected) allowed |= p.matcher(e.getMessage()).find();
            if (!allowed) errors.add(e.getMessage());
        }
        return errors;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile.toFile());
        }
    }

    private static void deleteQuietly(File f) {
        File[] children = f.listFiles();
        if (children != null) for (File c : children) deleteQuietly(c);
        f.delete();
    }
}
