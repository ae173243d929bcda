package codec.actors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codec.address.Network;
import codec.cbor.DagCborJson;
import java.util.HashMap;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The schema type language, on hand-encoded CBOR. */
class ShapeTest {
    private static String render(String schema, String cborHex) {
        Shape s = ShapeParser.parse(schema, new HashMap<>());
        return s.render(DagCborJson.parse(HexFormat.of().parseHex(cborHex)), Network.MAINNET).toString();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = ';', value = {
        // [0x4200e807 = ID address f01000, 0x4400 0de0b6b3a7640000... = 1 FIL] as {To, Amount}
        "{To: addr, Amount: bigint};82430" + "0e807490" + "00de0b6b3a7640000;{\"To\":\"f01000\",\"Amount\":\"1000000000000000000\"}",
        "{To: addr, Amount: bigint};824300e80741" + "01;{\"To\":\"f01000\",\"Amount\":\"0\"}",
        "<Amount: bigint>;420101;{\"Amount\":\"-1\"}",
        "<Amount: bigint>;40;{\"Amount\":\"0\"}",
        "[uint];820102;[1,2]",
        "{A: int?, B: str};82f66178;{\"A\":null,\"B\":\"x\"}",
        "{A: bool} | {A: uint};8101;{\"A\":1}",
        "<Sectors: bitfield>;410c;{\"Sectors\":[0]}",
        "<Sectors: bitfield>;4174;{\"Sectors\":[0,1,2]}",
        "<Sectors: bitfield>;40;{\"Sectors\":[]}",
        "calldata;44a9059cbb;{\"Selector\":\"0xa9059cbb\",\"Calldata\":\"0xa9059cbb\"}",
        "calldata;4101;{\"Selector\":null,\"Calldata\":\"0x01\"}",
    })
    void renders(String schema, String cbor, String json) {
        assertThat(render(schema, cbor)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "{A: uint, B: uint};8101;expected 2 fields, found 1",
        "{A: uint};8120;A: expected uint, found a integer",
        "<Amount: bigint>;420201;sign byte 2",
        "addr;4105;not an address",
        "{A: bool} | {A: str};8101;A: expected str",
    })
    void mismatchesSayWhere(String schema, String cbor, String message) {
        assertThatThrownBy(() -> render(schema, cbor)).isInstanceOf(SchemaMismatch.class).hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {"{A: nosuch};unknown type 'nosuch'", "{A uint};expected ':'",
        "[uint;expected ']'", "uint uint;unexpected 'u'"})
    void badSchemasAreRejected(String schema, String message) {
        assertThatThrownBy(() -> ShapeParser.parse(schema, new HashMap<>())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
