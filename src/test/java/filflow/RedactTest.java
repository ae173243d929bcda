package filflow;

import static org.assertj.core.api.Assertions.assertThat;

import lotus.LotusClient;
import lotus.LotusClientConfig;
import lotus.LotusException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Secrets in URLs never reach messages: credentials, query tokens and key-like path segments. */
class RedactTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            https://api.node.glif.io/rpc/v1                                  | https://api.node.glif.io/rpc/v1
            http://user:s3cret@lotus:1234/rpc/v1                             | http://***@lotus:1234/rpc/v1
            https://node.example/rpc/v1?token=s3cret&x=1                     | https://node.example/rpc/v1?***
            https://filecoin.infura.example/v3/9f8e7d6c5b4a39281726354abc/rpc | https://filecoin.infura.example/v3/***/rpc
            jdbc:postgresql://db:5432/filflow?user=a&password=s3cret          | jdbc:postgresql://db:5432/filflow?***
            http://127.0.0.1:8123                                            | http://127.0.0.1:8123
            """)
    void urls(String url, String shown) {
        assertThat(Redact.text(url)).isEqualTo(shown);
    }

    @Test
    void urlsInsideTextAreRedactedAndTheRestKept() {
        assertThat(Redact.text("cannot connect to http://u:pw@h:1/rpc?token=t: Connection refused"))
                .isEqualTo("cannot connect to http://***@h:1/rpc?***: Connection refused");
        assertThat(Redact.text(null)).isNull();
        assertThat(Redact.text("no url here")).isEqualTo("no url here");
    }

    @Test
    void lotusErrorsNeverCarryTheNodesSecrets() {
        LotusClient client = new LotusClient(LotusClientConfig.of("http://user:s3cret@127.0.0.1:9/rpc/v1?token=t0ken")
                .withRetries(0, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(1)), new SimpleMeterRegistry());
        try {
            client.chainHead();
        } catch (LotusException e) {
            assertThat(e.getMessage()).contains("127.0.0.1:9").doesNotContain("s3cret").doesNotContain("t0ken");
            return;
        }
        throw new AssertionError("nothing listens on port 9");
    }
}
