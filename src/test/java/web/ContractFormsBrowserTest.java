package web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import contracts.HardhatNode;
import contracts.HardhatProject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The contract page's forms in a real headless Chromium: the verification form and the read-call
 * forms generated from the verified ABI. The application runs over the recorded mainnet heights
 * (ExplorerApp) with a Hardhat network node behind the replay node ({@code --eth-node}), so
 * {@code EthGetCode} and {@code EthCall} are answered by a real EVM: the recorded contract
 * 0xc27a67a6… is given the test's compiled Counter as its code and 42 in its {@code count} slot.
 * Expected values are what the test put on that EVM and what Counter.sol computes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractFormsBrowserTest {
    private static final String CONTRACT_ID = "f02941146";
    private static final String CONTRACT_ETH = contracts.RecordedDeployment.ADDRESS;
    private static final String SOLC_LONG = HardhatProject.SOLC_LONG;

    private static HardhatProject project;
    private static HardhatNode evm;
    private static BrowserSession session;
    private static ExplorerApp app;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        BrowserSession.requireChromium();
        project = HardhatProject.compiled("314");
        evm = HardhatNode.start(project);
        evm.rpc("hardhat_setCode", CONTRACT_ETH, project.artifact("Counter").get("deployedBytecode").asText());
        // Counter's storage: owner at slot 0, count at slot 1
        evm.rpc("hardhat_setStorageAt", CONTRACT_ETH, "0x1", String.format("0x%064x", 42));
        session = BrowserSession.start(() -> {
            ExplorerApp started = ExplorerApp.start(Map.of(), evm.url());
            contracts.RecordedDeployment.forgetVerification();
            return started;
        });
        app = session.app();
        browser = session.browser();
    }

    @AfterAll
    static void stop() {
        try {
            if (session != null) {
                session.close();
            }
        } finally {
            if (evm != null) {
                evm.close();
            }
        }
    }

    @Test
    @Order(1)
    void theVerificationFormRefusesAnInputThatCannotCompileAtOnce() {
        openContractPage();
        ObjectNode input = project.buildInfo().get("input").deepCopy();
        ((ObjectNode) input.get("sources")).remove("contracts/Token.sol");
        ObjectNode broken = input.deepCopy();
        ((ObjectNode) broken.at("/sources/contracts~1Counter.sol")).put("content",
                "import \"./Missing.sol\";\n" + input.at("/sources/contracts~1Counter.sol/content").asText());

        submit(broken.toString(), "contracts/Counter.sol:Counter");

        String error = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("verify-error"))).getText();
        assertThat(error).contains("contracts/Counter.sol imports './Missing.sol'").contains("not among the sources");
    }

    @Test
    @Order(2)
    void theVerificationFormShowsNoMatchThenAFullMatch() {
        openContractPage();
        ObjectNode optimized = project.buildInfo().get("input").deepCopy();
        ((ObjectNode) optimized.get("settings")).putObject("optimizer").put("enabled", true).put("runs", 200);

        submit(optimized.toString(), "contracts/Counter.sol:Counter");

        WebElement none = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("verify-result")));
        assertThat(none.getText()).startsWith("No match").contains("differs from the chain's at byte");
        browser.screenshot("contract-verify-no-match");

        submit(project.buildInfo().get("input").toString(), "contracts/Counter.sol:Counter");

        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verify-result"), "Match: full"));
        browser.find("#verify-reload").click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("contract-verified"), "yes (full match)"));
        assertThat(browser.find("#contract-name").getText()).isEqualTo("Counter");
        assertThat(browser.driver().findElements(By.id("verify-form"))).isEmpty();
    }

    @Test
    @Order(3)
    void theReadCallFormsCallTheEvmAndShowDecodedAnswersAndReverts() {
        openContractPage();
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("read-calls")));

        WebElement count = call("count()");
        assertThat(output(count)).contains("\"type\": \"uint256\"").contains("\"value\": \"42\"");

        WebElement checked = browser.find("form[data-fn='checked(uint256)']");
        checked.findElement(By.name("amount")).sendKeys("3");
        assertThat(output(call("checked(uint256)"))).contains("\"value\": \"6\"");

        checked.findElement(By.name("amount")).clear();
        checked.findElement(By.name("amount")).sendKeys("20");
        call("checked(uint256)");
        String reverted = browser.until(d -> {
            WebElement bad = checked.findElements(By.cssSelector(".bad")).stream().findFirst().orElse(null);
            return bad == null ? null : bad.getText();
        });
        assertThat(reverted).startsWith("Reverted").contains("amount must be below 10");

        checked.findElement(By.name("amount")).clear();
        checked.findElement(By.name("amount")).sendKeys("ten");
        call("checked(uint256)");
        String refused = browser.until(d -> {
            WebElement bad = checked.findElements(By.cssSelector(".bad")).stream().findFirst().orElse(null);
            return bad == null || bad.getText().startsWith("Reverted") ? null : bad.getText();
        });
        assertThat(refused).contains("uint256");
        browser.screenshot("contract-read-calls");
    }

    private static void openContractPage() {
        browser.open(app.url("/contract/" + CONTRACT_ID).toString());
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("contract-kind")));
    }

    /** Fills the verification form (the standard JSON pasted) and submits it. */
    private static void submit(String standardJson, String contractName) {
        WebElement form = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("verify-form")));
        WebElement compiler = form.findElement(By.name("compiler"));
        compiler.clear();
        compiler.sendKeys("v" + SOLC_LONG);
        WebElement name = form.findElement(By.name("name"));
        name.clear();
        name.sendKeys(contractName);
        // a person pastes it; typing 20 kB key by key would only slow the test
        browser.js("arguments[0].value = arguments[1]", form.findElement(By.name("json")), standardJson);
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private static WebElement call(String signature) {
        WebElement form = browser.find("form[data-fn='" + signature + "']");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        return form;
    }

    private static String output(WebElement form) {
        return browser.until(d -> {
            WebElement pre = form.findElements(By.cssSelector("pre.json")).stream().findFirst().orElse(null);
            return pre == null ? null : pre.getText();
        });
    }
}
