package lotus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codec.address.Network;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LotusClientConfigTest {
    @Test
    void defaultsWhenNothingIsSet() {
        LotusClientConfig c = LotusClientConfig.fromProperties(new Properties());
        assertThat(c.url()).isEqualTo(URI.create("http://127.0.0.1:1234/rpc/v1"));
        assertThat(c.token()).isNull();
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.maxRetries()).isEqualTo(3);
        assertThat(c.backoffInitial()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.backoffMax()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.syncTolerance()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.network()).isEqualTo(Network.MAINNET);
    }

    @Test
    void readsEveryKey() {
        Properties p = new Properties();
        p.putAll(Map.of("lotus.url", "https://node.example:1234/rpc/v1", "lotus.token", " abc ",
                "lotus.connect-timeout", "250ms", "lotus.read-timeout", "2m", "lotus.max-retries", "0",
                "lotus.backoff-initial", "PT0.5S", "lotus.backoff-max", "1000", "lotus.sync-tolerance", "1h",
                "lotus.network", "t"));
        LotusClientConfig c = LotusClientConfig.fromProperties(p);
        assertThat(c.url().getHost()).isEqualTo("node.example");
        assertThat(c.token()).isEqualTo("abc");
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.readTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.maxRetries()).isZero();
        assertThat(c.backoffInitial()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.backoffMax()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.syncTolerance()).isEqualTo(Duration.ofHours(1));
        assertThat(c.network()).isEqualTo(Network.TESTNET);
        assertThat(c.toString()).doesNotContain("abc");
    }

    @Test
    void blankValuesTakeTheDefault() {
        LotusClientConfig c = LotusClientConfig.fromProperties(Map.of("lotus.token", "  ", "lotus.read-timeout", "")::get);
        assertThat(c.token()).isNull();
        assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @CsvSource({
            "lotus.url, ftp://node",
            "lotus.read-timeout, soon",
            "lotus.connect-timeout, 0s",
            "lotus.max-retries, many",
            "lotus.max-retries, -1",
            "lotus.network, x",
            "lotus.network, fil",
    })
    void rejectsBadValuesNamingTheKey(String key, String value) {
        assertThatThrownBy(() -> LotusClientConfig.fromProperties(Map.of(key, value)::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key);
    }
}
