package web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.Callable;

/**
 * A headless Chromium on an explorer application started for it, closed together (browser first).
 * On CI (.ci/run installs the browser) a missing Chromium fails; elsewhere the test class is skipped.
 */
record BrowserSession(ExplorerApp app, Browser browser) implements AutoCloseable {

    /** Fails on CI, skips elsewhere, when Chromium and its driver are not installed. */
    static void requireChromium() {
        if (System.getenv("CI") != null) {
            assertThat(Browser.available()).as("chromium and chromium-driver installed").isTrue();
        }
        assumeTrue(Browser.available(), "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
    }

    /** Chromium required, then the application, then the browser; the application is closed if the browser does not start. */
    static BrowserSession start(Callable<ExplorerApp> application) throws Exception {
        requireChromium();
        ExplorerApp app = application.call();
        try {
            return new BrowserSession(app, Browser.start());
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            app.close();
        }
    }
}
