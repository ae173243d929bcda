package api;

import static org.assertj.core.api.Assertions.assertThat;

import codec.address.Network;
import com.fasterxml.jackson.databind.JsonNode;
import contracts.ContractTools;
import contracts.Uploaders;
import contracts.solc.Compilers;
import contracts.solc.SolcCache;
import contracts.verify.IndexedCreations;
import contracts.verify.LotusChainCode;
import contracts.verify.VerificationService;
import contracts.verify.VerificationStore;
import contracts.verify.Verifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.UUID;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import replay.ReplayConfig;
import replay.ReplayNode;
import storage.ClickHouseAccess;
import testsupport.Fixtures;
import testsupport.SharedEngines;

/**
 * The contract endpoints' hostile battery: every malformed verification, ABI, call or address is a
 * 4xx naming the problem, never a 5xx, with the real verification service (PostgreSQL, compiler
 * workers) and a replay node as Lotus.
 */
class ContractEndpointsBadInputTest {
    private static final String ABI = "[{\"type\":\"function\",\"name\":\"f\",\"stateMutability\":\"view\","
            + "\"inputs\":[{\"name\":\"x\",\"type\":\"uint256\"}],\"outputs\":[]}]";
    private static final String CONTRACT = "0x00000000000000000000000000000000000000aa";
    private static ReplayNode lotus;
    private static VerificationService service;
    private static ApiServer server;

    @BeforeAll
    static void start() throws Exception {
        lotus = ReplayNode.start(ReplayConfig.of(Fixtures.MAINNET));
        LotusClient client = new LotusClient(LotusClientConfig.of(lotus.url().toString()), new SimpleMeterRegistry());
        VerificationStore store = new VerificationStore(SharedEngines.postgres());
        ClickHouseAccess clickHouse = SharedEngines.clickHouse("api_contract_bad_input");
        service = new VerificationService(new Verifier(SolcCache.standard(), Compilers.workers(),
                new LotusChainCode(client, new IndexedCreations(clickHouse.client()))),
                store, Compilers.workers(), 4, 10);
        ContractTools tools = new ContractTools(service, client, ContractTools.MAINNET, Network.MAINNET, 4096, Uploaders.NONE);
        server = ApiServer.start(Map.of("clickHouse", clickHouse, "contractTools", tools),
                Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
        lotus.close();
    }

    @ParameterizedTest(name = "GET {0}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/v1/contracts/notanaddress/abi                               | 400 | INVALID_ADDRESS          | address
            /api/v1/contracts/0x00000000000000000000000000000000000000aa/abi | 404 | NOT_FOUND                | not verified
            /api/v1/verifications/not-a-uuid                                 | 400 | INVALID_VERIFICATION_ID  | UUID
            /api/v1/verifications/6f1f4a2e-0000-4000-8000-000000000000       | 404 | NOT_FOUND                | no verification
            /api?module=account&action=balance                               | 400 | INVALID_MODULE           | module
            /api?module=contract&action=selfdestruct                         | 400 | INVALID_ACTION           | action
            /api?module=contract&action=getabi&address=0x12                  | 400 | INVALID_ADDRESS          | address
            /api?module=contract&action=getabi&address=0x00000000000000000000000000000000000000aa&chainid=1 | 400 | UNSUPPORTED_CHAIN | chainid
            /api?module=contract&action=checkverifystatus&guid=abc           | 400 | INVALID_VERIFICATION_ID  | UUID
            /v2/contract/1/0x00000000000000000000000000000000000000aa        | 400 | UNSUPPORTED_CHAIN        | 314
            /v2/contract/314/0x00000000000000000000000000000000000000aa      | 404 | NOT_FOUND                | not verified
            /v2/verify/nope                                                  | 400 | INVALID_VERIFICATION_ID  | UUID
            """)
    void badReadsAreRefusedWithAReason(String path, int status, String code, String mentions) throws Exception {
        ApiServer.Answer a = server.get(path);

        assertThat(a.status()).as(a.body()).isEqualTo(status);
        JsonNode error = ApiJson.MAPPER.readTree(a.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).contains(mentions);
    }

    @ParameterizedTest(name = "POST {0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            /api/v1/contracts/0x00000000000000000000000000000000000000aa/call | not json                      | 400 | INVALID_BODY      | JSON
            /api/v1/contracts/0x00000000000000000000000000000000000000aa/call | '[1,2]'                       | 400 | INVALID_BODY      | object
            /api/v1/contracts/0x00000000000000000000000000000000000000aa/call | '{"method":"f","abi":"[oops"}' | 400 | INVALID_ABI       | abi
            /api/v1/contracts/0x00000000000000000000000000000000000000aa/call | '{"method":"f","abi":{"a":1}}' | 400 | INVALID_ABI       | array
            /api/v1/contracts/0x00000000000000000000000000000000000000aa/call | '{"method":"g","abi":ABI}'     | 400 | UNKNOWN_METHOD    | no function g
            /api/v1/contracts/0x00000000000000000000000000000000000000aa/call | '{"method":"f","args":[1,2],"abi":ABI}' | 400 | INVALID_ARGUMENTS | takes 1
            /api/v1/contracts/0x00000000000000000000000000000000000000aa/call | '{"method":"f","args":[-1],"abi":ABI}'  | 400 | INVALID_ARGUMENTS | uint256
            /api/v1/contracts/0x00000000000000000000000000000000000000aa/call | '{"method":"f","args":["x"],"abi":ABI}' | 400 | INVALID_ARGUMENTS | uint256
            /api/v1/contracts/0x00000000000000000000000000000000000000aa/call | '{"method":"f","args":[1],"abi":ABI,"height":"soon"}' | 400 | INVALID_HEIGHT | height
            /api/v1/contracts/f0xyz/call                                      | '{}'                          | 400 | INVALID_ADDRESS   | address
            /api/v1/contracts/0x00000000000000000000000000000000000000aa/source | '{}'                        | 401 | AUTH_REQUIRED     | Authorization
            /v2/verify/314/0x00000000000000000000000000000000000000aa         | '{}'                          | 400 | INVALID_BODY      | stdJsonInput
            /v2/verify/314/0x00000000000000000000000000000000000000aa         | '{"stdJsonInput":{"language":"Solidity","sources":{}},"compilerVersion":"0.8.24","contractIdentifier":"A.sol:A"}' | 400 | INVALID_SOURCE | sources
            /v2/verify/314/0x00000000000000000000000000000000000000aa         | '{"stdJsonInput":{"language":"Vyper","sources":{"a":{"content":"x"}}},"compilerVersion":"0.8.24","contractIdentifier":"A"}' | 400 | UNSUPPORTED_LANGUAGE | Solidity
            /v2/verify/314/0x00000000000000000000000000000000000000aa         | '{"stdJsonInput":{"sources":{"a":{"content":"x"}}},"compilerVersion":"latest","contractIdentifier":"A"}' | 400 | UNKNOWN_COMPILER_VERSION | latest
            /v2/verify/314/0x00000000000000000000000000000000000000aa         | '{"stdJsonInput":{"sources":{"a":{"content":"x"}}},"compilerVersion":"0.8.24","contractIdentifier":"a b"}' | 400 | INVALID_CONTRACT_NAME | contractName
            /v2/verify/314159/0x00000000000000000000000000000000000000aa      | '{}'                          | 400 | UNSUPPORTED_CHAIN | 314
            /v2/verify/314/0x00000000000000000000000000000000000000aa         | '{"stdJsonInput":{"sources":{"a/X.sol":{"content":"import \\"./Y.sol\\"; contract X {}"}}},"compilerVersion":"0.8.24","contractIdentifier":"a/X.sol:X"}' | 400 | MISSING_SOURCE | a/X.sol imports './Y.sol' (a/Y.sol)
            """)
    void badWritesAreRefusedWithAReason(String path, String body, int status, String code, String mentions) throws Exception {
        ApiServer.Answer a = server.post(path, body.replace("ABI", ABI), null);

        assertThat(a.status()).as(a.body()).isEqualTo(status);
        JsonNode error = ApiJson.MAPPER.readTree(a.body()).get("error");
        assertThat(error.get("code").asText()).as(a.body()).isEqualTo(code);
        assertThat(error.get("message").asText()).contains(mentions);
    }

    /** Etherscan's verifysourcecode: what can be known before queueing is a 4xx at once, in Etherscan's shape. */
    @ParameterizedTest(name = "verifysourcecode {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            solidity-standard-json-input | '{"sources":'                                                  | v0.8.24+commit.e11b9ed9 | INVALID_SOURCE           | does not parse
            solidity-standard-json-input | '{"language":"Solidity","sources":{"A.sol":{"content":"contract A {}"}}}' | 0.8.24-nightly | UNKNOWN_COMPILER_VERSION | nightly
            solidity-standard-json-input | '{"language":"Solidity","sources":{"A.sol":{"content":"contract A {}"}}}' | ''          | MISSING_COMPILER_VERSION | required
            solidity-standard-json-input | '{"language":"Solidity","sources":{"A.sol":{"content":"import \\"./B.sol\\"; contract A {}"}}}' | v0.8.24+commit.e11b9ed9 | MISSING_SOURCE | A.sol imports './B.sol'
            solidity-single-file         | 'import "./Lib.sol"; contract A {}'                           | v0.8.24+commit.e11b9ed9 | MISSING_SOURCE           | A.sol imports './Lib.sol'
            vyper-json                   | 'x'                                                           | v0.8.24+commit.e11b9ed9 | UNSUPPORTED_CODE_FORMAT  | codeformat
            """)
    void anEtherscanSubmissionThatCannotCompileIsRefusedAtOnce(String format, String source, String version, String code,
                                                              String mentions) throws Exception {
        String query = "/api?module=contract&action=verifysourcecode&contractaddress=" + CONTRACT + "&codeformat=" + format
                + "&contractname=A&compilerversion=" + encode(version) + "&sourceCode=" + encode(source);

        ApiServer.Answer a = server.get(query);

        assertThat(a.status()).as(a.body()).isEqualTo(400);
        JsonNode body = ApiJson.MAPPER.readTree(a.body());
        assertThat(body.get("status").asText()).isEqualTo("0");
        assertThat(body.get("message").asText()).isEqualTo("NOTOK");
        assertThat(body.get("result").asText()).contains(mentions);
        assertThat(body.at("/error/code").asText()).isEqualTo(code);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void anOversizedUploadIsRefusedUnread() throws Exception {
        String big = "{\"stdJsonInput\":\"" + "x".repeat(5000) + "\"}";
        ApiServer.Answer a = server.post("/v2/verify/314/" + CONTRACT, big, null);

        assertThat(a.status()).isEqualTo(413);
        assertThat(a.body()).contains("UPLOAD_TOO_LARGE").contains("4096");
    }

    @Test
    void aSignedInUploadWithoutTheAccountsServiceSaysSo() throws Exception {
        ApiServer.Answer a = server.post("/api/v1/contracts/" + CONTRACT + "/source", "{}", "Bearer " + UUID.randomUUID());

        assertThat(a.status()).isEqualTo(503);
        assertThat(a.body()).contains("SIGN_IN_UNAVAILABLE");
    }

    @Test
    void anAddressWithoutEvmCodeCannotBeVerified() throws Exception {
        String body = "{\"stdJsonInput\":{\"language\":\"Solidity\",\"sources\":{\"A.sol\":{\"content\":\"contract A {}\"}}},"
                + "\"compilerVersion\":\"0.8.24\",\"contractIdentifier\":\"A.sol:A\"}";
        ApiServer.Answer a = server.post("/v2/verify/314/" + CONTRACT, body, null);

        // the replay node without --eth-node has no EVM: the node refuses EthGetCode
        assertThat(a.status()).as(a.body()).isEqualTo(422);
    }
}
