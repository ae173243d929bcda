package web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Page weight (the JS and CSS the page shell loads, as served gzipped) and time to first render
 * of the main pages in headless Chromium on loopback, cache disabled, median of several loads:
 * first contentful paint (the shell) and the moment the page's data is on screen.
 * {@code mvn -o test -Dgroups=benchmark -DexcludedGroups= -Dtest=ExplorerPageBenchmark}
 */
@Tag("benchmark")
class ExplorerPageBenchmark {
    private static final int LOADS = 7;
    /** Marks, from the page's own clock, when the selector first matches (installed before any page script). */
    private static final String WATCH = """
            (() => {
              const sel = 'main h1, #latest-tipsets';
              const seen = () => { if (!window.__dataAt && document.querySelector(sel)
                  && !document.querySelector('main .loading')) window.__dataAt = performance.now(); };
              new MutationObserver(seen).observe(document, {childList: true, subtree: true});
            })();""";

    @Test
    void pageWeightAndTimeToFirstRender() throws Exception {
        assumeTrue(Browser.available(), "chromium and chromium-driver are not installed");
        try (ExplorerApp app = ExplorerApp.start(Map.of()); Browser browser = Browser.start()) {
            String shell = get(app, "/").body();
            long raw = 0;
            long gzipped = 0;
            Matcher m = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+\\.(?:js|css))\"").matcher(shell);
            while (m.find()) {
                raw += get(app, m.group(1)).body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                gzipped += HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.url(m.group(1)))
                        .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray()).body().length;
            }
            long shellBytes = shell.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            System.out.printf("machine: %d cores, java %s, load average %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf("page weight: JS + CSS %,d bytes, %,d gzipped; index.html %,d bytes%n", raw, gzipped, shellBytes);

            browser.driver().executeCdpCommand("Network.enable", Map.of());
            browser.driver().executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
            browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH));
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("home", "/");
            pages.put("tipset", "/tipset/3573064");
            pages.put("address", "/address/f02078582");
            pages.put("status", "/status");
            for (var page : pages.entrySet()) {
                List<Double> paint = new ArrayList<>();
                List<Double> data = new ArrayList<>();
                for (int i = 0; i < LOADS + 1; i++) {
                    browser.open(app.url(page.getValue()).toString());
                    browser.until(d -> browser.js("return window.__dataAt || null") != null);
                    Number fcp = (Number) browser.js(
                            "return performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint')?.startTime || null");
                    Number at = (Number) browser.js("return window.__dataAt");
                    if (i > 0) { // the first load warms the server's JIT
                        paint.add(fcp == null ? Double.NaN : fcp.doubleValue());
                        data.add(at.doubleValue());
                    }
                }
                System.out.printf("%-8s first contentful paint median %5.0f ms (min %4.0f), data on screen median %5.0f ms (min %4.0f)%n",
                        page.getKey(), median(paint), min(paint), median(data), min(data));
            }
        }
    }

    private static HttpResponse<String> get(ExplorerApp app, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.url(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Double::compare);
        return s.get(s.size() / 2);
    }

    private static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }
}
