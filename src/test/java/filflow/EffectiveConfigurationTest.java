package filflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The start-up log of the configuration names every setting and never prints a secret. */
class EffectiveConfigurationTest {

    @Test
    void listsEverySettingAndMasksSecrets() {
        Map<String, String> given = Map.of("clickhouse.password", "s3cret-ch", "lotus.token", "tok-123",
                "postgres.password", "pg-pass", "admin.token", "adm", "http.port", "18080");
        String text = EffectiveConfiguration.describe(new Settings(name -> Optional.ofNullable(given.get(name))));

        for (ConfigKey key : ConfigKey.values()) {
            assertThat(text).contains("\n  " + key.env() + " = ");
        }
        assertThat(text).contains("HTTP_PORT = 18080").contains("CLICKHOUSE_PASSWORD = ****")
                .contains("LOTUS_TOKEN = ****").contains("ADMIN_TOKEN = ****")
                .doesNotContain("s3cret-ch").doesNotContain("tok-123").doesNotContain("pg-pass").doesNotContain("= adm");
    }
}
