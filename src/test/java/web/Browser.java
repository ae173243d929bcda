package web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;
import testsupport.SharedEngines;

/**
 * One headless Chromium (Debian's chromium + chromium-driver) driven through Selenium. Closing it
 * quits the browser and then ends, by process id, every process still running with this
 * browser's own profile folder, so nothing is left behind even when a test failed mid-way.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final int DESKTOP_WIDTH = 1280;
    static final int DESKTOP_HEIGHT = 900;

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final Thread reaper;

    private Browser(ChromeDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
        this.reaper = new Thread(this::killLeftovers, "browser-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static Browser start() {
        Path profile = SharedEngines.newTempDir().resolve("chromium-profile");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--disable-sync", "--mute-audio", "--hide-scrollbars", "--force-color-profile=srgb",
                "--user-data-dir=" + profile, "--window-size=" + DESKTOP_WIDTH + "," + DESKTOP_HEIGHT, "--lang=en-US");
        try {
            service.start();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new Browser(driver, service, profile);
        } catch (IOException e) {
            service.stop();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    String path() {
        return (String) js("return location.pathname");
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Waits (at most 60 s: the machine may be loaded) until the condition holds, and returns its value. */
    <T> T until(ExpectedCondition<T> condition) {
        return until(condition, Duration.ofSeconds(60));
    }

    /** As {@link #until(ExpectedCondition)}, for what waits on the application's background work. */
    <T> T until(ExpectedCondition<T> condition, Duration limit) {
        return new WebDriverWait(driver, limit, Duration.ofMillis(100)).until(condition);
    }

    /** Types into the header's search box and submits it, as a person would (Enter). */
    void search(String text) {
        WebElement box = find("#search");
        box.clear();
        box.sendKeys(text);
        box.sendKeys(org.openqa.selenium.Keys.ENTER);
    }

    /** Emulates a phone screen (CSS width 390) or, with false, the desktop window again. */
    void phone(boolean on) {
        if (on) {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        } else {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** Saves the page, whole (up to 3,000 CSS pixels high), as target/screenshots/NAME.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Number width = (Number) js("return document.documentElement.clientWidth");
            Number height = (Number) js("return Math.min(3000, document.documentElement.scrollHeight)");
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            // the processes are ended below in any case
        } finally {
            service.stop();
            killLeftovers();
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs anyway
            }
        }
    }

    /** Ends by id every process whose command line names this browser's profile folder. */
    private void killLeftovers() {
        String marker = "--user-data-dir=" + profile;
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }
}
