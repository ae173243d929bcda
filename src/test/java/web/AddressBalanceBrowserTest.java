package web;

import static org.assertj.core.api.Assertions.assertThat;

import api.ApiJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import testsupport.Fixtures;

/**
 * The address page's balance and its history chart in a real headless Chromium, over recorded
 * calibnet heights (Lotus 1.26+ traces, which carry each invoked actor's state). The expected
 * balances are computed here from the raw traces: the actor's state recorded at its first call
 * of a tipset (before that tipset moved anything to or from it) plus the values of every frame
 * to or from it whose calls all succeeded.
 */
class AddressBalanceBrowserTest {
    /** Recorded calibnet heights in which the miner below earns block rewards. */
    private static final List<Long> HEIGHTS = List.of(1162295L, 1552242L, 1576593L, 1698055L);
    private static final String MINER = "f03751";

    private static BrowserSession session;
    private static ExplorerApp app;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        session = BrowserSession.start(() -> ExplorerApp.calibnetHeightByHeight(HEIGHTS, "web_balances"));
        app = session.app();
        browser = session.browser();
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void theChartAndTheChangesAreTheRecordedBalancesExactlyOnHover() {
        Map<Long, BigInteger[]> expected = new LinkedHashMap<>();   // height -> {change, balance after}
        for (long h : HEIGHTS) {
            JsonNode traces = traces(h);
            BigInteger before = firstRecordedBalance(traces, MINER);
            BigInteger change = BigInteger.ZERO;
            for (JsonNode r : traces.path("Trace")) {
                change = change.add(moves(r.path("ExecutionTrace"), MINER, true));
            }
            assertThat(change.signum()).as("the miner's balance changes at " + h).isNotZero();
            expected.put(h, new BigInteger[] {change, before.add(change)});
        }

        browser.open(app.url("/address/" + MINER).toString());
        browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#balance-chart circle")));
        // one point per change, at its height, whose tooltip is the balance after it in attoFIL
        List<WebElement> points = browser.driver().findElements(By.cssSelector("#balance-chart circle"));
        assertThat(points.stream().map(p -> Long.parseLong(p.getAttribute("data-x"))).toList())
                .containsExactlyElementsOf(expected.keySet());
        for (int i = 0; i < points.size(); i++) {
            BigInteger after = expected.get(HEIGHTS.get(i))[1];
            assertThat((String) browser.js("return arguments[0].querySelector('title').textContent", points.get(i)))
                    .endsWith("(" + after + " attoFIL)")
                    .contains(ExplorerBrowserTest.humanFil(after.toString()));
        }
        // the higher a balance, the higher its point (the chart's y grows downwards)
        List<Double> ys = points.stream().map(p -> Double.parseDouble(p.getAttribute("cy"))).toList();
        for (int i = 1; i < ys.size(); i++) {
            int order = expected.get(HEIGHTS.get(i))[1].compareTo(expected.get(HEIGHTS.get(i - 1))[1]);
            assertThat(Double.compare(ys.get(i - 1), ys.get(i))).as("point %d against %d", i, i - 1).isEqualTo(order);
        }
        // the latest balance, and every change with the balance after it in the table
        BigInteger latest = expected.get(HEIGHTS.get(HEIGHTS.size() - 1))[1];
        assertThat(browser.find("#balance-now .fil").getAttribute("title")).isEqualTo(latest + " attoFIL");
        browser.find("#balance-changes summary").click();
        for (var e : expected.entrySet()) {
            WebElement row = browser.find("#balance-changes tr[data-height='" + e.getKey() + "']");
            assertThat(row.findElement(By.cssSelector(".delta .fil")).getAttribute("title")).isEqualTo(e.getValue()[0] + " attoFIL");
            assertThat(row.findElement(By.cssSelector(".after .fil")).getAttribute("title")).isEqualTo(e.getValue()[1] + " attoFIL");
            assertThat(row.findElement(By.cssSelector(".after .fil")).getText()).isEqualTo(ExplorerBrowserTest.humanFil(e.getValue()[1].toString()));
        }
        assertThat(browser.driver().findElements(By.cssSelector("#balance-changes tbody tr"))).hasSize(expected.size());
        browser.screenshot("address-balance-desktop");
        browser.phone(true);
        try {
            browser.driver().navigate().refresh();
            browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#balance-chart circle")));
            assertThat(((Number) browser.js("return document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
            browser.screenshot("address-balance-phone");
        } finally {
            browser.phone(false);
        }
    }

    @Test
    void anActorWithoutARecordedStartingBalanceSaysSo() {
        // an explicit sender that no call of the indexed heights invokes: the node never recorded its state
        Set<String> invoked = new HashSet<>();
        List<String> senders = new ArrayList<>();
        for (long h : HEIGHTS) {
            for (JsonNode r : traces(h).path("Trace")) {
                collectInvoked(r.path("ExecutionTrace"), invoked);
                if (!r.at("/Msg/From").asText().equals("f00")) {
                    senders.add(r.at("/ExecutionTrace/Msg/From").asText());
                }
            }
        }
        String sender = senders.stream().filter(s -> !invoked.contains(s)).findFirst().orElseThrow();
        browser.open(app.url("/address/" + sender).toString());
        WebElement none = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("balance-none")));
        assertThat(none.getText()).startsWith("No balance history").contains(sender);
        assertThat(browser.driver().findElements(By.id("balance-chart"))).isEmpty();
    }

    @Test
    void aHistoryThatCannotBeLoadedIsSaidSoAndTheRestOfThePageStays() {
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/history?*")));
        try {
            browser.open(app.url("/address/" + MINER).toString());
            WebElement error = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("balance-error")));
            assertThat(error.getText()).contains("could not be loaded").contains("cannot be reached");
            assertThat(browser.find("#address-forms").isDisplayed()).isTrue();
        } finally {
            browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
    }

    private static JsonNode traces(long height) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Fixtures.CALIBNET.resolve("traces_" + height + ".json.gz")))) {
            return ApiJson.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The actor's balance before the tipset: its state recorded at the first call that touches it,
     * which must be a call to it (the state is recorded before that call's value moves).
     */
    private static BigInteger firstRecordedBalance(JsonNode traces, String actor) {
        for (JsonNode r : traces.path("Trace")) {
            JsonNode first = firstTouch(r.path("ExecutionTrace"), actor);
            if (first != null) {
                assertThat(first.at("/Msg/To").asText()).as("first touched as the callee").isEqualTo(actor);
                assertThat("f0" + first.at("/InvokedActor/Id").asText()).isEqualTo(actor);
                return new BigInteger(first.at("/InvokedActor/State/Balance").asText());
            }
        }
        throw new AssertionError(actor + " is not in the tipset");
    }

    private static JsonNode firstTouch(JsonNode call, String actor) {
        if (call.at("/Msg/To").asText().equals(actor) || call.at("/Msg/From").asText().equals(actor)) {
            return call;
        }
        for (JsonNode s : call.path("Subcalls")) {
            JsonNode found = firstTouch(s, actor);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The value the frames of one message moved to or from {@code actor}, counting calls whose callers all succeeded. */
    private static BigInteger moves(JsonNode call, String actor, boolean callersOk) {
        boolean ok = callersOk && call.at("/MsgRct/ExitCode").asLong() == 0;
        BigInteger sum = BigInteger.ZERO;
        if (ok) {
            BigInteger v = new BigInteger(call.at("/Msg/Value").asText("0"));
            sum = sum.add(call.at("/Msg/To").asText().equals(actor) ? v : BigInteger.ZERO)
                    .subtract(call.at("/Msg/From").asText().equals(actor) ? v : BigInteger.ZERO);
        }
        for (JsonNode s : call.path("Subcalls")) {
            sum = sum.add(moves(s, actor, ok));
        }
        return sum;
    }

    private static void collectInvoked(JsonNode call, Set<String> into) {
        if (call.has("InvokedActor")) {
            into.add("f0" + call.at("/InvokedActor/Id").asText());
        }
        for (JsonNode s : call.path("Subcalls")) {
            collectInvoked(s, into);
        }
    }
}
