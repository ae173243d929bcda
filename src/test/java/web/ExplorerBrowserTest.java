package web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import api.RawFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.codec.binary.Base32;
import org.apache.commons.codec.binary.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer in a real headless Chromium against the whole application over recorded mainnet
 * heights (indexed through the real pipeline). Expected values come from the recordings
 * (RawFixtures, lotus/creations.json), never from the API or the UI under test.
 */
class ExplorerBrowserTest {
    private static final long HEIGHT = 3573064L;
    private static final String CONTRACT_ID = "f02941146";
    private static final String CONTRACT_ETH = "0xc27a67a686f6930710449186e141b8ca2969de79";
    private static final String DEPLOYER_ID = "f02078582";
    private static final String DEPLOYER_F410 = "f410fxif5ceamiwxfxwoirbkcru3c4gvtcs2tf4satcq";
    private static final String ADMIN_TOKEN = "explorer-test-admin";

    private static BrowserSession session;
    private static ExplorerApp app;
    private static Browser browser;
    private static RawFixtures raw;

    @BeforeAll
    static void start() throws Exception {
        session = BrowserSession.start(() -> {
            raw = new RawFixtures("mainnet", HEIGHT);
            return ExplorerApp.start(Map.of("admin.token", ADMIN_TOKEN));
        });
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
    void searchingAMessageCidShowsItsValueExitCodeAndWholeSubcallTree() {
        // the executed message with the largest sub-call tree among those that moved value
        JsonNode trace = raw.traces.stream().filter(t -> !RawFixtures.isImplicit(t))
                .filter(t -> !t.at("/Msg/Value").asText("0").equals("0"))
                .max(Comparator.comparingInt(t -> RawFixtures.descendants(t.path("ExecutionTrace"))))
                .orElseThrow();
        String cid = RawFixtures.msgCid(trace);
        String atto = trace.at("/Msg/Value").asText();
        int exit = trace.at("/MsgRct/ExitCode").asInt();
        int calls = RawFixtures.descendants(trace.path("ExecutionTrace"));
        assertThat(calls).as("a message with sub-calls").isPositive();

        browser.open(app.url("/").toString());
        browser.search(cid);
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("message-value")));
        assertThat(browser.path()).isEqualTo("/message/" + cid);
        WebElement value = browser.find("#message-value .fil");
        assertThat(value.getText()).isEqualTo(humanFil(atto));
        assertThat(value.getAttribute("title")).isEqualTo(atto + " attoFIL");
        assertThat(browser.find("#message-exit").getText()).startsWith(exit + " ");

        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("subcall-tree")));
        List<WebElement> nodes = browser.driver().findElements(By.cssSelector("#subcall-tree li.call"));
        assertThat(nodes).hasSize(calls);
        assertThat(nodes.stream().mapToInt(n -> Integer.parseInt(n.getAttribute("data-depth"))).max().orElse(0))
                .isEqualTo(maxDepth(trace.path("ExecutionTrace"), 0));
        // collapsible at any depth: collapse all hides every nested call, expand all shows them again
        browser.driver().findElement(By.xpath("//button[text()='Collapse all']")).click();
        assertThat(nodes.stream().filter(WebElement::isDisplayed).count())
                .isEqualTo(trace.at("/ExecutionTrace/Subcalls").size());
        browser.driver().findElement(By.xpath("//button[text()='Expand all']")).click();
        assertThat(nodes.stream().filter(WebElement::isDisplayed).count()).isEqualTo(calls);
    }

    @Test
    void everyFormOfAnAddressLeadsToTheSameAddressPage() {
        String eth = "0x" + Hex.encodeHexString(f410Payload(DEPLOYER_F410));
        for (String form : List.of(DEPLOYER_F410, eth, eth.toUpperCase(Locale.ROOT).replace("0X", "0x"), DEPLOYER_ID)) {
            browser.open(app.url("/").toString());
            browser.search(form);
            browser.until(ExpectedConditions.urlToBe(app.url("/address/" + DEPLOYER_ID).toString()));
            browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("address-forms")));
            assertThat(browser.find("tr[data-form=delegated] td").getText()).isEqualTo(DEPLOYER_F410);
            assertThat(browser.find("tr[data-form=eth] td").getText()).isEqualToIgnoringCase(eth);
        }
        // an f1 sender of the recording, written as the sender wrote it; its ID form from the trace
        JsonNode f1 = raw.traces.stream().filter(t -> t.at("/Msg/From").asText().startsWith("f1")).findFirst().orElseThrow();
        String id = f1.at("/ExecutionTrace/Msg/From").asText();
        browser.search(f1.at("/Msg/From").asText());
        browser.until(ExpectedConditions.urlToBe(app.url("/address/" + id).toString()));
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("address-forms")));
        assertThat(browser.find("tr[data-form=robust] td").getText()).isEqualTo(f1.at("/Msg/From").asText());
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-form] button.copy"))).isNotEmpty();
        browser.screenshot("address-desktop");
    }

    @Test
    void anInvalidAddressIsExplainedByTheVerifier() {
        // the deployer's f410 with its last character changed: the checksum no longer matches
        String broken = DEPLOYER_F410.substring(0, DEPLOYER_F410.length() - 1) + "a";
        browser.open(app.url("/").toString());
        browser.search(broken);
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("invalid-address")));
        assertThat(browser.find("#address-error").getText().toLowerCase(Locale.ROOT)).contains("checksum");
    }

    @Test
    void aNullRoundIsShownAsSuch() {
        browser.open(app.url("/").toString());
        browser.search(Long.toString(ExplorerApp.NULL_ROUND));
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("null-round")));
        assertThat(browser.path()).isEqualTo("/tipset/" + ExplorerApp.NULL_ROUND);
        assertThat(browser.find("#null-round-note").getText()).contains("null round");
        assertThat(browser.driver().findElements(By.id("blocks"))).isEmpty();
    }

    @Test
    void aTipsetListsItsBlocksAndMessages() {
        browser.open(app.url("/tipset/" + HEIGHT).toString());
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("blocks")));
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#blocks tbody tr"));
        assertThat(rows).hasSize(raw.tipset.path("Blocks").size());
        browser.screenshot("tipset-desktop");

        // the messages page through the API's cursors: every executed message of the recording, once
        List<String> seen = new java.util.ArrayList<>();
        for (int page = 1; ; page++) {
            browser.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pager"), "page " + page));
            browser.driver().findElements(By.cssSelector("table.list a[href^='/message/']"))
                    .forEach(a -> seen.add(a.getAttribute("href").replaceAll(".*/message/", "")));
            WebElement older = browser.driver().findElement(By.xpath("//nav[@class='pager']/button[contains(., 'Older')]"));
            if (!older.isEnabled()) {
                break;
            }
            older.click();
        }
        assertThat(seen).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(raw.traces.stream().map(RawFixtures::msgCid).toList());
    }

    @Test
    void theContractPageShowsTheRecordedDeployment() {
        browser.open(app.url("/").toString());
        browser.search(CONTRACT_ETH);
        // the listener stores the contract shortly after start (later on a busy machine): the search
        // finds it once it has
        browser.until(d -> {
            if (browser.driver().findElements(By.id("contract-kind")).isEmpty()) {
                browser.search(CONTRACT_ETH);
                return false;
            }
            return true;
        }, Duration.ofMinutes(3));
        assertThat(browser.path()).isEqualTo("/contract/" + CONTRACT_ID);
        assertThat(browser.find("#contract-kind").getText()).isEqualTo("evm");
        assertThat(browser.driver().findElement(By.linkText(DEPLOYER_ID)).getAttribute("href"))
                .endsWith("/address/" + DEPLOYER_ID);
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("bytecode")));
        assertThat(browser.find("#bytecode").getText()).startsWith("0x").hasSizeGreaterThan(100);
        browser.screenshot("contract-desktop");
    }

    @Test
    void unknownThingsGetAPageThatSaysWhatWasNotFound() {
        browser.open(app.url("/tipset/99999999").toString());
        WebElement notFound = browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notfound")));
        assertThat(notFound.getText()).contains("Not found").contains("99999999");

        String unknownCid = "bafy2bzaceaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        browser.open(app.url("/message/" + unknownCid).toString());
        assertThat(browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]"))).getText())
                .containsAnyOf("Not found", "does not look right");

        browser.open(app.url("/no/such/page").toString());
        assertThat(browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".notfound"))).getText())
                .contains("/no/such/page");
    }

    @Test
    void aDownApiGivesAClearPageNotABlankOne() {
        browser.open(app.url("/").toString());
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("latest-tipsets")));
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        browser.driver().setNetworkConditions(offline);
        try {
            browser.driver().findElement(By.linkText("Status")).click();
            WebElement alert = browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")));
            assertThat(alert.getText()).contains("The API is unreachable");
        } finally {
            browser.driver().deleteNetworkConditions();
        }
    }

    @Test
    void whatAUserTypesIsRenderedAsTextNeverAsHtml() {
        String attack = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";
        browser.open(app.url("/").toString());
        browser.search(attack);
        WebElement alert = browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")));
        assertThat(alert.getText()).contains(attack);
        assertThat(browser.js("return window.__xss === undefined")).isEqualTo(true);
        assertThat(browser.driver().findElements(By.cssSelector("main img"))).isEmpty();
    }

    @Test
    void signInWithTheMailedCodeThenAProjectWhoseDescriptionIsAStoredXssAttempt() throws Exception {
        String email = "explorer-" + System.nanoTime() + "@example.org";
        browser.open(app.url("/sign-in").toString());
        browser.find("#signin-email input[name=email]").sendKeys(email);
        browser.find("#signin-email button[type=submit]").click();
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-code")));
        String code = mailedCode(email);
        browser.find("#signin-code input[name=code]").sendKeys(code);
        browser.find("#signin-code button[type=submit]").click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("account-email"), email));
        assertThat(browser.path()).isEqualTo("/account");

        String attack = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script> & <b>bold</b>";
        String name = "Explorer test " + System.nanoTime();
        browser.open(app.url("/projects/new").toString());
        browser.find("#project-form input[name=name]").sendKeys(name);
        browser.find("#project-form textarea[name=description]").sendKeys(attack);
        // the recorded deployment, given by its 0x address, is listed by its actor ID
        browser.find("#project-form input[name=contracts]").sendKeys(CONTRACT_ETH);
        browser.find("#project-form button[type=submit]").click();
        WebElement description = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("project-description")));
        assertThat(browser.path()).matches("/project/\\d+");
        String projectPath = browser.path();
        assertThat(description.getText()).isEqualTo(attack);
        assertThat(browser.find("#project-contracts").getText()).isEqualTo(CONTRACT_ID);
        assertThat(description.findElements(By.xpath(".//*"))).as("no element made from the description").isEmpty();
        // and again for a reader who is not signed in, on a fresh load of the page
        browser.js("localStorage.clear()");
        browser.driver().navigate().refresh();
        description = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("project-description")));
        assertThat(description.getText()).isEqualTo(attack);
        assertThat(browser.js("return window.__xss === undefined")).isEqualTo(true);
        assertThat(browser.driver().findElements(By.cssSelector("main img, main b"))).isEmpty();
        // the contract's page names the project (once the listener has stored the contract)
        browser.until(d -> {
            browser.open(app.url("/contract/" + CONTRACT_ID).toString());
            try {
                return new WebDriverWait(d, Duration.ofSeconds(5), Duration.ofMillis(100))
                        .until(x -> !x.findElements(By.id("contract-kind")).isEmpty());
            } catch (org.openqa.selenium.TimeoutException notYet) {
                return false;
            }
        });
        WebElement projects = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("contract-projects")));
        assertThat(projects.getText()).contains(name);
        assertThat(projects.findElement(By.linkText(name)).getAttribute("href")).endsWith(projectPath);
    }

    /** The 6-digit code of the newest sign-in mail to {@code email} in DATA_DIR/outbox (.eml files). */
    private static String mailedCode(String email) {
        Path outbox = app.dataDir().resolve("outbox");
        Pattern code = Pattern.compile("code: (\\d{6})");
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!Files.isDirectory(outbox)) {
                return null;
            }
            try (Stream<Path> files = Files.list(outbox)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".eml")).sorted(Comparator.reverseOrder()).toList()) {
                    String mail = Files.readString(f);
                    Matcher m = code.matcher(mail);
                    if (mail.contains(email) && m.find()) {
                        return m.group(1);
                    }
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }

    @Test
    void theHomePageUpdatesWithoutAReload() throws Exception {
        long extra = 3140097L;
        browser.open(app.url("/").toString());
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("latest-tipsets")));
        assertThat(browser.find("#latest-tipsets").getText()).doesNotContain("3,140,097");
        browser.js("window.__sameDocument = true");
        browser.screenshot("home-desktop");

        HttpResponse<String> queued = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.url("/api/v1/admin/index"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"heights\":[" + extra + "]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofMinutes(3))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("latest-tipsets"), "3,140,097"));
        assertThat(browser.js("return window.__sameDocument === true")).isEqualTo(true);

        // the status page: the height just indexed counts in the throughput chart
        browser.driver().findElement(By.linkText("Status")).click();
        browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#throughput-chart circle")));
        assertThat(browser.find("#status-mode").getText()).startsWith("full");
        browser.screenshot("status-desktop");
    }

    @Test
    void theMainPagesAtDesktopAndPhoneWidth() {
        String message = RawFixtures.msgCid(raw.traces.stream().filter(t -> !RawFixtures.isImplicit(t))
                .max(Comparator.comparingInt(t -> RawFixtures.descendants(t.path("ExecutionTrace")))).orElseThrow());
        Map<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("home", "/");
        pages.put("tipset", "/tipset/" + HEIGHT);
        pages.put("message", "/message/" + message);
        pages.put("address", "/address/" + DEPLOYER_ID);
        pages.put("status", "/status");
        try {
            for (boolean phone : new boolean[] {false, true}) {
                browser.phone(phone);
                for (var page : pages.entrySet()) {
                    browser.open(app.url(page.getValue()).toString());
                    browser.until(d -> d.findElements(By.cssSelector("main .loading")).isEmpty()
                            && !d.findElements(By.cssSelector("main h1, main .stats .stat")).isEmpty());
                    // usable on a phone: nothing wider than the screen but what scrolls on its own
                    if (phone) {
                        assertThat(((Number) browser.js("return document.documentElement.scrollWidth")).intValue())
                                .as(page.getKey() + " fits a phone").isLessThanOrEqualTo(390);
                    }
                    assertThat(browser.screenshot(page.getKey() + (phone ? "-phone" : "-desktop"))).exists();
                }
            }
        } finally {
            browser.phone(false);
        }
    }

    /** attoFIL as the explorer shows FIL: grouped, at most 6 decimals, cut (not rounded), no trailing zeros;
     *  amounts below a millionth of a FIL in attoFIL. */
    static String humanFil(String atto) {
        BigDecimal fil = new BigDecimal(atto).movePointLeft(18).setScale(6, RoundingMode.DOWN).stripTrailingZeros();
        if (fil.signum() == 0 && new BigDecimal(atto).signum() != 0) {
            return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(new BigDecimal(atto)) + " attoFIL";
        }
        DecimalFormat f = new DecimalFormat("#,##0.######", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(fil) + " FIL";
    }

    private static int maxDepth(JsonNode call, int depth) {
        int max = depth;
        for (JsonNode sub : call.path("Subcalls")) {
            max = Math.max(max, maxDepth(sub, depth + 1));
        }
        return max;
    }

    /** The 20 bytes inside an f410f address: base32 of payload + 4-byte checksum after "f410f". */
    private static byte[] f410Payload(String f410) {
        byte[] all = new Base32().decode(f410.substring(5).toUpperCase(Locale.ROOT));
        return java.util.Arrays.copyOf(all, 20);
    }
}
