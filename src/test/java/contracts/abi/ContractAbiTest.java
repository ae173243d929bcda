package contracts.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codec.address.Network;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calls encoded and outputs, reverts and logs decoded with the ABI's names, checked against known encodings. */
class ContractAbiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final String ERC20 = """
            [{"type":"function","name":"transfer","stateMutability":"nonpayable","inputs":[{"name":"to","type":"address"},{"name":"amount","type":"uint256"}],"outputs":[{"name":"","type":"bool"}]},
             {"type":"function","name":"balanceOf","stateMutability":"view","inputs":[{"name":"owner","type":"address"}],"outputs":[{"name":"balance","type":"uint256"}]},
             {"type":"event","name":"Transfer","anonymous":false,"inputs":[{"name":"from","type":"address","indexed":true},{"name":"to","type":"address","indexed":true},{"name":"value","type":"uint256","indexed":false}]},
             {"type":"error","name":"TooBig","inputs":[{"name":"given","type":"uint256"},{"name":"limit","type":"uint256"}]}]""";

    private final ContractAbi abi = ContractAbi.parse(read(ERC20));

    @Test
    void encodesACallAsTheAbiSpecifies() {
        byte[] data = ContractAbi.encodeCall(abi.function("transfer"),
                read("[\"0x947e6c5872af56c886df4cd0226582f0d3fcb15e\", \"115792089237316195423570985008687907853269984665640564039457584007913129639935\"]"));

        // selector of transfer(address,uint256), the address left-padded, 2^256-1 as all ones
        assertThat(HEX.formatHex(data)).isEqualTo("a9059cbb" + "000000000000000000000000947e6c5872af56c886df4cd0226582f0d3fcb15e"
                + "f".repeat(64));
    }

    @Test
    void anFilecoinAddressIsAcceptedWhereTheAbiWantsAnAddress() {
        byte[] byF410 = ContractAbi.encodeCall(abi.function("balanceOf(address)"), read("[\"f410fsr7gywdsv5lmrbw7jticezmc6dj7zmk67bipa2q\"]"));
        byte[] byEth = ContractAbi.encodeCall(abi.function("balanceOf"), read("[\"0x947e6c5872af56c886df4cd0226582f0d3fcb15e\"]"));
        assertThat(byF410).isEqualTo(byEth);
    }

    @Test
    void decodesOutputsAsExactDecimalStrings() {
        JsonNode out = ContractAbi.decodeOutputs(abi.function("balanceOf"),
                HEX.parseHex("00000000000000000000000000000000000000000000d3c21bcecceda1000000"), Network.MAINNET);

        assertThat(out.at("/0/name").asText()).isEqualTo("balance");
        assertThat(out.at("/0/value").asText()).isEqualTo("1000000000000000000000000");
    }

    @Test
    void decodesErrorStringAndCustomErrorReverts() {
        // the data a Hardhat node returned for require(amount < 10, "amount must be below 10")
        byte[] error = HEX.parseHex("08c379a0" + "0000000000000000000000000000000000000000000000000000000000000020"
                + "0000000000000000000000000000000000000000000000000000000000000017"
                + "616d6f756e74206d7573742062652062656c6f77203130000000000000000000");
        assertThat(abi.decodeRevert(error, Network.MAINNET).get("message").asText()).isEqualTo("amount must be below 10");

        byte[] custom = HEX.parseHex("6ad9cdfc" + "0000000000000000000000000000000000000000000000000000000000002710"
                + "00000000000000000000000000000000000000000000000000000000000003e8");
        JsonNode decoded = abi.decodeRevert(custom, Network.MAINNET);
        assertThat(decoded.get("name").asText()).isEqualTo("TooBig");
        assertThat(decoded.at("/args/0/name").asText()).isEqualTo("given");
        assertThat(decoded.at("/args/0/value").asText()).isEqualTo("10000");
        assertThat(abi.decodeRevert(HEX.parseHex("deadbeef"), Network.MAINNET).get("kind").asText()).isEqualTo("unknown");
    }

    @Test
    void decodesARecordedTransferLog() {
        // mainnet 3140097, the first EVM log (fixtures/lotus/mainnet/ethlog_3140097.json.gz)
        List<byte[]> topics = List.of(
                HEX.parseHex("ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"),
                HEX.parseHex("000000000000000000000000947e6c5872af56c886df4cd0226582f0d3fcb15e"),
                HEX.parseHex("000000000000000000000000fb6e87e2a66aa3418519a6da761313d4584f24fd"));
        JsonNode log = abi.decodeLog(topics, HEX.parseHex("0000000000000000000000000000000000000000000000000000000145a9f866"),
                Network.MAINNET).orElseThrow();

        assertThat(log.get("name").asText()).isEqualTo("Transfer");
        assertThat(log.at("/args/0/value/eth").asText()).isEqualTo("0x947e6c5872af56c886df4cd0226582f0d3fcb15e");
        assertThat(log.at("/args/2/value").asText()).isEqualTo("5463734374");
    }

    @Test
    void badAbisMethodsAndArgumentsAreNamed() {
        assertThatThrownBy(() -> ContractAbi.parse(read("{\"type\":\"function\"}"))).hasMessageContaining("JSON array");
        assertThatThrownBy(() -> ContractAbi.parse(read("[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[{\"type\":\"uint7\"}]}]")))
                .isInstanceOf(AbiException.class).hasMessageContaining("does not parse");
        assertThatThrownBy(() -> abi.function("mint")).hasMessageContaining("no function mint");
        assertThatThrownBy(() -> ContractAbi.encodeCall(abi.function("transfer"), read("[\"0x12\", 1]")))
                .isInstanceOf(AbiException.class).hasMessageContaining("'to'");
        assertThatThrownBy(() -> ContractAbi.encodeCall(abi.function("transfer"), read("[\"0x947e6c5872af56c886df4cd0226582f0d3fcb15e\"]")))
                .hasMessageContaining("takes 2 argument");
        assertThatThrownBy(() -> ContractAbi.encodeCall(abi.function("balanceOf"), read("[true]")))
                .hasMessageContaining("must be a address");
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
