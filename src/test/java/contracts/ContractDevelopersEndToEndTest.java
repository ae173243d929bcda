package contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.esaulpaugh.headlong.abi.Function;
import com.esaulpaugh.headlong.abi.Tuple;
import com.esaulpaugh.headlong.abi.TupleType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import replay.ReplayConfig;
import replay.ReplayNode;
import testsupport.FilflowInstance;
import testsupport.SharedEngines;

/**
 * Contracts for developers end to end, on a real compiler (solc 0.8.24 from npm) and a real EVM (a
 * Hardhat network node with Filecoin mainnet's chain id 314 behind the replay node's
 * {@code --eth-node}): the real {@code hardhat verify} (hardhat-verify) against filflow's
 * Etherscan-compatible /api gives a full match and, with only the metadata changed, a partial one;
 * the wrong optimizer setting gives no match with the reason; the ABI downloads; calls are
 * executed by the EVM and decoded, reverts too; the recorded mainnet Transfer log and EVM
 * creation are decoded/marked once verified. One Hardhat node and one filflow for the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractDevelopersEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final HexFormat HEX = HexFormat.of();
    private static final String SOLC = HardhatProject.SOLC;
    private static final String SOLC_LONG = HardhatProject.SOLC_LONG;
    private static final String CHAIN = "314";
    /** Recorded mainnet: a height with an ERC-20 Transfer log, and one with an EVM contract creation. */
    private static final long LOG_HEIGHT = 3140097L;
    private static final String LOG_MESSAGE = "bafy2bzacea3pcctciveohpnlvpv6tuhiew36bms7bn6czslutvl2pd4wrcnpw";
    private static final long CREATION_HEIGHT = RecordedDeployment.HEIGHT;
    private static final String CREATED = RecordedDeployment.ADDRESS;

    private static Path soljson;
    private static HardhatProject project;
    private static HardhatNode evm;
    private static ReplayNode lotus;
    private static FilflowInstance app;
    private static String deployer;
    private static String fullMatch;

    @BeforeAll
    static void start() {
        soljson = HardhatProject.soljson();
        project = HardhatProject.compiled(CHAIN);
        evm = HardhatNode.start(project);
        deployer = evm.firstAccount();
        lotus = ReplayNode.start(ReplayConfig.of(testsupport.Fixtures.MAINNET).withEthNode(evm.url()));
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("lotus.url", lotus.url().toString());
        settings.put("admin.token", "token-" + id);
        settings.put("filflow.heights.topic", "dev-heights-" + id);
        settings.put("filflow.heights.group", "dev-indexer-" + id);
        settings.put("filflow.heights.poll-timeout-ms", "200");
        settings.put("filflow.jobs.follow.enabled", "false");
        settings.put("filflow.jobs.gaps.period-ms", "600000");
        settings.put("filflow.pipeline.new-contract.topic", "dev-new-contract-" + id);
        settings.put("filflow.contracts.group", "dev-contracts-" + id);
        app = FilflowInstance.start(SharedEngines.newTempDir(), settings);
        RecordedDeployment.forgetVerification();
        project.env("FILFLOW_RPC_URL", lotus.url().toString())
                .env("FILFLOW_API_URL", app.apiUrl("/api").toString())
                .env("FILFLOW_BROWSER_URL", app.apiUrl("/").toString());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {app, lotus, evm}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    @Test
    @Order(1)
    void hardhatVerifyGivesAFullMatchAndTheAbiDownloads() throws Exception {
        fullMatch = deployCounter(42, "demo");

        HardhatProject.Run verify = project.hardhat(Duration.ofMinutes(3), "verify", "--network", "filflow", fullMatch, "42", "demo");

        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("Successfully verified contract Counter");
        JsonNode sourcify = get("/v2/contract/" + CHAIN + "/" + fullMatch + "?fields=all");
        assertThat(sourcify.get("match").asText()).isEqualTo("exact_match");
        assertThat(sourcify.at("/compilation/fullyQualifiedName").asText()).isEqualTo("contracts/Counter.sol:Counter");
        assertThat(sourcify.at("/compilation/compilerVersion").asText()).isEqualTo("v" + SOLC_LONG);
        JsonNode artifactAbi = project.artifact("Counter").get("abi");
        assertThat(get("/api/v1/contracts/" + fullMatch + "/abi")).isEqualTo(artifactAbi);
        JsonNode etherscanAbi = get("/api?module=contract&action=getabi&address=" + fullMatch);
        assertThat(etherscanAbi.get("status").asText()).isEqualTo("1");
        assertThat(JSON.readTree(etherscanAbi.get("result").asText())).isEqualTo(artifactAbi);
        JsonNode source = get("/api?module=contract&action=getsourcecode&address=" + fullMatch).at("/result/0");
        assertThat(source.get("ContractName").asText()).isEqualTo("Counter");
        assertThat(source.get("SourceCode").asText()).contains("contract Counter");
        assertThat(source.get("ConstructorArguments").asText()).isEqualTo(constructorArgs(42, "demo").substring(2));
        JsonNode bytecode = get("/api/v1/contracts/" + fullMatch + "/bytecode");
        assertThat(bytecode.get("bytecode").asText()).isEqualTo(evm.rpc("eth_getCode", fullMatch, "latest").asText());

        Map<String, String> again = new LinkedHashMap<>(etherscanForm(fullMatch, project.buildInfo().get("input").toString(), 42, "demo"));
        JsonNode refused = JSON.readTree(post("/api", form(again), "application/x-www-form-urlencoded").body());
        assertThat(refused.get("result").asText()).isEqualTo("Contract source code already verified");
    }

    @Test
    @Order(2)
    void callsAreExecutedByTheEvmAndDecodedRevertsToo() throws Exception {
        JsonNode count = call(fullMatch, "{\"method\":\"count\"}");
        assertThat(count.get("reverted").asBoolean()).isFalse();
        assertThat(count.at("/outputs/0/type").asText()).isEqualTo("uint256");
        assertThat(count.at("/outputs/0/value").asText()).isEqualTo("42");

        long before = Long.decode(evm.rpc("eth_blockNumber").asText());
        evm.send(fullMatch, "0x" + HEX.formatHex(encode(new Function("increase(uint256)").encodeCallWithArgs(BigInteger.valueOf(5)))));

        JsonNode state = call(fullMatch, "{\"method\":\"state\"}");
        assertThat(state.at("/outputs/0/name").asText()).isEqualTo("who");
        assertThat(state.at("/outputs/0/value/eth").asText()).isEqualTo(deployer);
        assertThat(state.at("/outputs/0/value/filecoin").asText()).startsWith("f410f");
        assertThat(state.at("/outputs/1/value").asText()).isEqualTo("47");
        assertThat(state.at("/outputs/2/value").asText()).isEqualTo("demo");
        JsonNode past = call(fullMatch, "{\"method\":\"count\",\"height\":" + before + "}");
        assertThat(past.at("/outputs/0/value").asText()).isEqualTo("42");

        JsonNode require = call(fullMatch, "{\"method\":\"checked\",\"args\":[20]}");
        assertThat(require.get("reverted").asBoolean()).isTrue();
        assertThat(require.at("/revert/kind").asText()).isEqualTo("error");
        assertThat(require.at("/revert/message").asText()).isEqualTo("amount must be below 10");
        JsonNode custom = call(fullMatch, "{\"method\":\"increase(uint256)\",\"args\":[\"5000\"]}");
        assertThat(custom.at("/revert/kind").asText()).isEqualTo("custom");
        assertThat(custom.at("/revert/name").asText()).isEqualTo("TooBig");
        assertThat(custom.at("/revert/args/0/name").asText()).isEqualTo("given");
        assertThat(custom.at("/revert/args/0/value").asText()).isEqualTo("5000");
        assertThat(custom.at("/revert/args/1/value").asText()).isEqualTo("1000");
        JsonNode ok = call(fullMatch, "{\"method\":\"checked\",\"args\":[\"3\"]}");
        assertThat(ok.at("/outputs/0/value").asText()).isEqualTo("6");

        // an ABI given in the request serves a contract nobody verified
        String other = deployCounter(9, "unverified");
        ObjectNode withAbi = JSON.createObjectNode();
        withAbi.put("method", "label");
        withAbi.set("abi", project.artifact("Counter").get("abi"));
        assertThat(call(other, withAbi.toString()).at("/outputs/0/value").asText()).isEqualTo("unverified");
        HttpResponse<String> notVerified = post("/api/v1/contracts/" + other + "/call", "{\"method\":\"count\"}", "application/json");
        assertThat(notVerified.statusCode()).as(notVerified.body()).isEqualTo(404);
        HttpResponse<String> badArgs = post("/api/v1/contracts/" + fullMatch + "/call",
                "{\"method\":\"checked\",\"args\":[\"ten\"]}", "application/json");
        assertThat(badArgs.statusCode()).isEqualTo(400);
        assertThat(badArgs.body()).contains("uint256");
    }

    @Test
    @Order(3)
    void onlyTheMetadataDifferingGivesAPartialMatch() throws Exception {
        String address = deployCounter(7, "partial");
        HardhatProject edited = HardhatProject.create(soljson, SOLC, SOLC_LONG);
        edited.environment().putAll(project.environment());
        edited.edit("Counter.sol", s -> s + "\n// a comment changes the metadata hash, not the code\n");
        assertThat(edited.hardhat(Duration.ofMinutes(3), "compile").exit()).isZero();

        HardhatProject.Run verify = edited.hardhat(Duration.ofMinutes(3), "verify", "--network", "filflow", address, "7", "partial");

        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(get("/v2/contract/" + CHAIN + "/" + address).get("match").asText()).isEqualTo("match");
        assertThat(get("/api?module=contract&action=getsourcecode&address=" + address).at("/result/0/Match").asText())
                .isEqualTo("partial");
    }

    @Test
    @Order(4)
    void theWrongOptimizerSettingGivesNoMatchWithTheReason() throws Exception {
        String address = deployCounter(1, "none");
        ObjectNode input = (ObjectNode) project.buildInfo().get("input").deepCopy();
        ((ObjectNode) input.get("settings")).putObject("optimizer").put("enabled", true).put("runs", 200);
        Map<String, String> form = etherscanForm(address, input.toString(), 1, "none");
        JsonNode submitted = JSON.readTree(post("/api?chainid=" + CHAIN, form(form), "application/x-www-form-urlencoded").body());
        assertThat(submitted.get("status").asText()).as(submitted.toString()).isEqualTo("1");

        JsonNode status = checkStatus(submitted.get("result").asText());

        assertThat(status.get("result").asText()).isEqualTo("Fail - Unable to verify");
        assertThat(status.get("reason").asText()).contains("differs from the chain's at byte");
        assertThat(get("/api?module=contract&action=getabi&address=" + address).get("result").asText())
                .isEqualTo("Contract source code not verified");
        HttpResponse<String> abi = FilflowInstance.get(app.apiUrl("/api/v1/contracts/" + address + "/abi"));
        assertThat(abi.statusCode()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void recordedLogsAndContractsAreDecodedOnceVerified() throws Exception {
        index(LOG_HEIGHT, CREATION_HEIGHT);
        JsonNode recorded = JSON.readTree(new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(
                testsupport.Fixtures.MAINNET.resolve("ethlog_" + LOG_HEIGHT + ".json.gz")))).get(0);
        String emitter = recorded.get("address").asText();
        JsonNode before = get("/api/v1/messages/" + LOG_MESSAGE + "/events");
        assertThat(before.toString()).doesNotContain("\"decoded\"");

        // the recorded emitter and the recorded creation get the code of contracts compiled here
        evm.rpc("hardhat_setCode", emitter, project.artifact("Token").get("deployedBytecode").asText());
        // the recorded creation's runtime is what its recorded init code returns, run by the EVM
        // (the implementation it delegates initialize() to gets a STOP as its code)
        RecordedDeployment deployment = RecordedDeployment.load();
        evm.rpc("hardhat_setCode", deployment.implementation(), "0x00");
        String rerun = evm.deploy("0x" + HEX.formatHex(deployment.creationInput()));
        evm.rpc("hardhat_setCode", CREATED, evm.rpc("eth_getCode", rerun, "latest").asText());
        ObjectNode sourcify = JSON.createObjectNode();
        sourcify.set("stdJsonInput", project.buildInfo().get("input"));
        sourcify.put("compilerVersion", SOLC_LONG);
        sourcify.put("contractIdentifier", "contracts/Token.sol:Token");
        HttpResponse<String> queued = post("/v2/verify/" + CHAIN + "/" + emitter, sourcify.toString(), "application/json");
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        String job = JSON.readTree(queued.body()).get("verificationId").asText();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/v2/verify/" + job).get("isJobCompleted").asBoolean());
        JsonNode done = get("/v2/verify/" + job);
        assertThat(done.at("/contract/match").asText()).as(done.toString()).isEqualTo("exact_match");
        // the recorded creation through Etherscan's standard JSON form: its indexed creation input
        // decides the constructor arguments
        Map<String, String> proxy = new LinkedHashMap<>(etherscanForm(CREATED, RecordedDeployment.standardJson().toString(), 0, ""));
        proxy.put("contractname", RecordedDeployment.FILE + ":" + RecordedDeployment.NAME);
        proxy.put("compilerversion", RecordedDeployment.SOLC.longForm());
        String args = deployment.constructorArgs();
        String otherAdmin = args.substring(0, 64 + 24) + "11".repeat(20) + args.substring(128);
        proxy.put("constructorArguements", otherAdmin);
        proxy.put("constructorArguments", otherAdmin);
        JsonNode wrong = checkStatus(submitted(proxy));
        assertThat(wrong.get("result").asText()).isEqualTo("Fail - Unable to verify");
        assertThat(wrong.get("reason").asText()).startsWith("wrong constructor arguments").contains("word 1");
        proxy.put("constructorArguements", args);
        proxy.put("constructorArguments", args);
        JsonNode verified = checkStatus(submitted(proxy));
        assertThat(verified.get("result").asText()).as(verified.toString()).isEqualTo("Pass - Verified");

        JsonNode log = get("/api/v1/messages/" + LOG_MESSAGE + "/events").get("items").findParents("decoded").get(0);
        JsonNode decoded = log.get("decoded");
        assertThat(decoded.get("name").asText()).isEqualTo("Transfer");
        assertThat(decoded.get("contract").asText()).isEqualTo("Token");
        // expected values straight from the recorded topics and data
        assertThat(decoded.at("/args/0/name").asText()).isEqualTo("from");
        assertThat(decoded.at("/args/0/value/eth").asText()).isEqualTo("0x" + recorded.at("/topics/1").asText().substring(26));
        assertThat(decoded.at("/args/1/value/eth").asText()).isEqualTo("0x" + recorded.at("/topics/2").asText().substring(26));
        assertThat(decoded.at("/args/2/name").asText()).isEqualTo("value");
        assertThat(decoded.at("/args/2/value").asText()).isEqualTo(new BigInteger(recorded.get("data").asText().substring(2), 16).toString());

        JsonNode contract = get("/api/v1/contracts/" + CREATED);
        assertThat(contract.get("verified").asBoolean()).isTrue();
        assertThat(contract.get("name").asText()).isEqualTo(RecordedDeployment.NAME);
        assertThat(contract.get("match").asText()).isEqualTo("full");
        JsonNode sourcifyView = get("/v2/contract/" + CHAIN + "/" + CREATED);
        assertThat(sourcifyView.get("creationMatch").asText()).isEqualTo("exact_match");
        assertThat(sourcifyView.get("runtimeMatch").asText()).isEqualTo("exact_match");
        assertThat(get("/api?module=contract&action=getsourcecode&address=" + CREATED).at("/result/0/ConstructorArguments").asText())
                .isEqualTo(args);
        // the contract's message list: its recorded logs decoded by the proxy's ABI (expected values from the recording)
        JsonNode creationLogs = null;
        for (JsonNode m : get("/api/v1/contracts/" + CREATED + "/messages").get("items")) {
            if (m.has("events")) {
                creationLogs = m.get("events");
            }
        }
        assertThat(creationLogs).as("a message of " + CREATED + " with decoded events").isNotNull();
        JsonNode upgraded = creationLogs.findParents("name").stream()
                .filter(e -> "Upgraded".equals(e.path("name").asText())).findFirst().orElseThrow();
        assertThat(upgraded.at("/args/0/value/eth").asText()).isEqualTo(deployment.implementation());
        JsonNode adminChanged = creationLogs.findParents("name").stream()
                .filter(e -> "AdminChanged".equals(e.path("name").asText())).findFirst().orElseThrow();
        assertThat(adminChanged.at("/args/1/name").asText()).isEqualTo("newAdmin");
        assertThat(adminChanged.at("/args/1/value/eth").asText()).isEqualTo(deployment.admin());
    }

    private static void index(long... heights) throws Exception {
        String list = java.util.Arrays.stream(heights).mapToObj(Long::toString).collect(Collectors.joining(","));
        HttpResponse<String> queued = HTTP.send(HttpRequest.newBuilder(app.apiUrl("/api/v1/admin/index"))
                .header("Authorization", "Bearer " + app.context().resolvePropertyPlaceholders("{{admin.token}}"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"heights\":[" + list + "]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(FilflowInstance.get(app.apiUrl("/api/v1/messages/" + LOG_MESSAGE + "/events")).statusCode()).isEqualTo(200);
            assertThat(FilflowInstance.get(app.apiUrl("/api/v1/contracts/" + CREATED)).statusCode()).isEqualTo(200);
        });
    }

    /**
     * The form fields {@code forge verify-contract --verifier etherscan} sends (foundry-block-explorers'
     * {@code VerifyContract}, POSTed as a form, chain id in the URL) for a standard JSON input.
     */
    private static Map<String, String> etherscanForm(String address, String source, long start, String name) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("apikey", "filflow");
        form.put("module", "contract");
        form.put("action", "verifysourcecode");
        form.put("contractaddress", address);
        form.put("sourceCode", source);
        form.put("codeformat", "solidity-standard-json-input");
        form.put("contractname", "contracts/Counter.sol:Counter");
        form.put("compilerversion", "v" + SOLC_LONG);
        form.put("constructorArguements", constructorArgs(start, name).substring(2));
        form.put("constructorArguments", constructorArgs(start, name).substring(2));
        return form;
    }

    /** Posts a verifysourcecode form; its guid. */
    private static String submitted(Map<String, String> fields) throws Exception {
        HttpResponse<String> r = post("/api", form(fields), "application/x-www-form-urlencoded");
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.path("status").asText()).as(r.statusCode() + " " + r.body()).isEqualTo("1");
        return answer.get("result").asText();
    }

    private static JsonNode checkStatus(String guid) throws Exception {
        Map<String, String> form = Map.of("apikey", "filflow", "module", "contract", "action", "checkverifystatus", "guid", guid);
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            last[0] = JSON.readTree(post("/api", form(form), "application/x-www-form-urlencoded").body());
            return !"Pending in queue".equals(last[0].get("result").asText());
        });
        return last[0];
    }

    private static String deployCounter(long start, String name) {
        return evm.deploy(project.artifact("Counter").get("bytecode").asText() + constructorArgs(start, name).substring(2));
    }

    /** ABI-encoded (uint256, string), 0x hex. */
    private static String constructorArgs(long start, String name) {
        return "0x" + HEX.formatHex(encode(TupleType.parse("(uint256,string)").encode(Tuple.of(BigInteger.valueOf(start), name))));
    }

    private static byte[] encode(ByteBuffer b) {
        return java.util.Arrays.copyOf(b.array(), b.limit());
    }

    private static JsonNode call(String address, String body) throws Exception {
        HttpResponse<String> r = post("/api/v1/contracts/" + address + "/call", body, "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = FilflowInstance.get(app.apiUrl(path));
        assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> post(String path, String body, String type) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(app.apiUrl(path)).timeout(Duration.ofSeconds(60)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
