package accounts;

import filflow.ConfigKey;
import filflow.Settings;
import java.time.Duration;

/**
 * The accounts settings ({@code ACCOUNTS_*}, docs/CONFIGURATION.md).
 *
 * @param baseUrl the explorer's address the mailed sign-in link points to
 */
public record AccountsConfig(String baseUrl, Duration sessionLifetime, Duration limitWindow, int loginsPerEmail,
                             int loginsPerClient, int verifiesPerEmail, int verifiesPerClient, int maxProjects,
                             int maxKeys, int maxContractsPerProject) {
    /** How long a mailed code and link are good for (issue 11: 15 minutes). */
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
    /** Wrong codes before a code is spent. */
    public static final int CODE_TRIES = 5;

    public static AccountsConfig from(Settings s) {
        return new AccountsConfig(s.get(ConfigKey.ACCOUNTS_BASE_URL).replaceAll("/+$", ""),
                Duration.ofHours(number(s, ConfigKey.ACCOUNTS_SESSION_HOURS)),
                Duration.ofMinutes(number(s, ConfigKey.ACCOUNTS_LIMIT_WINDOW_MINUTES)),
                number(s, ConfigKey.ACCOUNTS_LIMIT_LOGIN_PER_EMAIL), number(s, ConfigKey.ACCOUNTS_LIMIT_LOGIN_PER_CLIENT),
                number(s, ConfigKey.ACCOUNTS_LIMIT_VERIFY_PER_EMAIL), number(s, ConfigKey.ACCOUNTS_LIMIT_VERIFY_PER_CLIENT),
                number(s, ConfigKey.ACCOUNTS_MAX_PROJECTS), number(s, ConfigKey.ACCOUNTS_MAX_KEYS),
                number(s, ConfigKey.ACCOUNTS_MAX_CONTRACTS_PER_PROJECT));
    }

    private static int number(Settings s, ConfigKey key) {
        return Integer.parseInt(s.get(key).trim());
    }
}
