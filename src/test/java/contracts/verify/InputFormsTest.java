package contracts.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Every upload form becomes one checked standard JSON input; a malformed one names its problem. */
class InputFormsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADDRESS = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    @Test
    void aHardhatBuildInfoCarriesItsCompilerAndInput() throws Exception {
        JsonNode body = JSON.readTree("""
                {"contractName":"contracts/A.sol:A","constructorArgs":"0x2A",
                 "buildInfo":{"_format":"hh-sol-build-info-1","solcVersion":"0.8.24","solcLongVersion":"0.8.24+commit.e11b9ed9",
                   "input":{"language":"Solidity","sources":{"contracts/A.sol":{"content":"contract A {}"}},
                            "settings":{"optimizer":{"enabled":true,"runs":999}}}}}""");

        VerificationRequest r = InputForms.upload(body, ADDRESS, 314, "account:1");

        assertThat(r.compiler().longForm()).isEqualTo("v0.8.24+commit.e11b9ed9");
        assertThat(r.sourcePath()).isEqualTo("contracts/A.sol");
        assertThat(r.contractName()).isEqualTo("A");
        assertThat(r.constructorArgs()).isEqualTo("2a");
        assertThat(r.standardJson().at("/settings/optimizer/runs").asInt()).isEqualTo(999);
        assertThat(r.verifiedBy()).isEqualTo("account:1");
    }

    @Test
    void filesWithSettingsAndLibrariesBecomeAStandardJsonInput() throws Exception {
        JsonNode body = JSON.readTree("""
                {"compilerVersion":"0.8.24","contractName":"B",
                 "files":{"src/B.sol":"import './L.sol'; contract B {}","src/L.sol":"library L {}"},
                 "settings":{"optimizer":{"enabled":false},"evmVersion":"paris","libraries":{"src/L.sol:L":"0x00000000000000000000000000000000000000AA"}}}""");

        VerificationRequest r = InputForms.upload(body, ADDRESS, 314, "x");

        assertThat(r.standardJson().at("/sources/src~1L.sol/content").asText()).isEqualTo("library L {}");
        assertThat(r.standardJson().at("/settings/evmVersion").asText()).isEqualTo("paris");
        assertThat(r.standardJson().at("/settings/libraries/src~1L.sol/L").asText()).isEqualTo("0x00000000000000000000000000000000000000aa");
        assertThat(InputForms.librariesOf(r.standardJson())).containsEntry("L", "0x00000000000000000000000000000000000000aa");
        assertThat(r.sourcePath()).isNull();
    }

    @Test
    void malformedUploadsAreNamed() throws Exception {
        assertThatThrownBy(() -> InputForms.upload(JSON.readTree("{\"compilerVersion\":\"0.8.24\",\"contractName\":\"A\"}"), ADDRESS, 314, "x"))
                .hasMessageContaining("exactly one of standardJson, files, source or buildInfo");
        assertThatThrownBy(() -> InputForms.upload(JSON.readTree(
                "{\"compilerVersion\":\"nightly\",\"contractName\":\"A\",\"source\":\"contract A {}\"}"), ADDRESS, 314, "x"))
                .isInstanceOfSatisfying(VerificationInputException.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_COMPILER_VERSION"));
        assertThatThrownBy(() -> InputForms.upload(JSON.readTree(
                "{\"compilerVersion\":\"0.8.24\",\"contractName\":\"A\",\"source\":\"contract A {}\",\"constructorArgs\":\"0xabc\"}"),
                ADDRESS, 314, "x")).hasMessageContaining("even number of hex digits");
        assertThatThrownBy(() -> InputForms.upload(JSON.readTree(
                "{\"compilerVersion\":\"0.8.24\",\"contractName\":\"A\",\"files\":{\"A.sol\":\"x\"},\"settings\":{\"libraries\":{\"L\":\"0x12\"}}}"),
                ADDRESS, 314, "x")).hasMessageContaining("library L needs a 0x address");
        assertThatThrownBy(() -> InputForms.standardJson("{\"language\":\"Solidity\",\"sources\":{\"a.sol\":{\"urls\":[\"ipfs://x\"]}}}"))
                .hasMessageContaining("URLs are not fetched");
    }
}
