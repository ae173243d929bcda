package codec.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The errors say what is wrong in words an explorer user can act on. */
class AddressErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "t2gfvuyh7v2sx3patm5k23wdzmhyhtmqctasbr24y | INVALID_CHECKSUM | checksum does not match",
        "f5abc | UNKNOWN_PROTOCOL | unknown address protocol '5'",
        "x01024 | UNKNOWN_NETWORK | unknown network prefix 'x'",
        "f1xpbyy4tkdx5si2bgo37dubc2xwv6fum5 | INVALID_LENGTH | 20 bytes plus a 4-byte checksum",
        "f1xpbyy4tkdx5si2bgo37dubc2xwv6fum5tk57mi | INVALID_ENCODING | probably truncated",
        "f1XPBYY4TKDX5SI2BGO37DUBC2XWV6FUM5TK57MIA | INVALID_ENCODING | not lower-case base32",
        "f0 | INVALID_LENGTH | too short",
        "f0x12 | INVALID_PAYLOAD | decimal actor ID",
        "0x52963EF50e27e06D72D59fcB4F3c2a687BE3cfEF | INVALID_CHECKSUM | EIP-55 checksum does not match",
        "0x52963ef50e27 | INVALID_LENGTH | 40 hex digits"})
    void explainsWhatIsWrong(String input, AddressException.Kind kind, String explanation) {
        assertThatThrownBy(() -> {
            if (input.startsWith("0x")) {
                Address.fromEth(input);
            } else {
                Address.parse(input);
            }
        }).isInstanceOfSatisfying(AddressException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).contains(explanation);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "f1xpbyy4tkdx5si2bgo37dubc2xwv6fum5tk57mia | a secp256k1 address (protocol 1)",
        "f432f77777777x32lpna | namespace 32"})
    void explainsWhyThereIsNoEthereumForm(String address, String explanation) {
        assertThatThrownBy(() -> Address.parse(address).toEth()).isInstanceOfSatisfying(AddressException.class, e -> {
            assertThat(e.kind()).isEqualTo(AddressException.Kind.NOT_ETH_CONVERTIBLE);
            assertThat(e.getMessage()).contains(explanation);
        });
    }
}
