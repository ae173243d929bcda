package lotus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Error texts as Lotus nodes and gateways send them, and the exception each becomes. */
class RpcErrorsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-32601 | method 'Filecoin.StateCompute' not found                                              | method_not_available",
            "1      | method not supported in this mode (no out-of-process worker)                           | method_not_available",
            "1      | Filecoin.StateReplay is not allowed on this gateway                                     | method_not_available",
            "1      | bad tipset height: lookbacks of more than 24h0m0s are disallowed                        | lookback_limit",
            "1      | resolution lookup failed (f1abc): resolve address f1abc: actor not found                | not_found",
            "3      | actor not found                                                                         | not_found",
            "1      | ipld: could not find bafy2bzacediomzwjij2s4neqshzfo6sq2odr55ltdifpy4qqkxzlhh5i5bf2i     | not_found",
            "1      | failed to find message bafy2bzacediomzwjij2s4neqshzfo6sq2odr55ltdifpy4qqkxzlhh5i5bf2i   | not_found",
            "1      | looking for tipset with height greater than start point                                 | rpc",
            "1      | failed to get account actor state for f01729: actor code is not account: storageminer   | rpc",
            "-32602 | wrong param count (method 'Filecoin.ChainHead'): 1 != 0                                 | rpc",
    })
    void classifiesByCodeAndText(long code, String message, String kind) {
        LotusRpcException e = RpcErrors.classify("M", code, message);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.rpcMessage()).isEqualTo(message);
    }
}
