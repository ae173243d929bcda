package lotus;

import codec.address.Network;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

/**
 * How to reach a Lotus node. {@code token} may be null (public gateways need none).
 * {@code network} is the address prefix used when the client prints addresses into requests.
 */
public record LotusClientConfig(
        URI url,
        String token,
        Duration connectTimeout,
        Duration readTimeout,
        int maxRetries,
        Duration backoffInitial,
        Duration backoffMax,
        Duration syncTolerance,
        Network network) {

    public static final String DEFAULT_URL = "http://127.0.0.1:1234/rpc/v1";

    public LotusClientConfig {
        Objects.requireNonNull(url, "lotus.url");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("lotus.url must be http or https: " + url);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("lotus.max-retries must not be negative: " + maxRetries);
        }
        requirePositive("lotus.connect-timeout", connectTimeout);
        requirePositive("lotus.read-timeout", readTimeout);
        requirePositive("lotus.backoff-initial", backoffInitial);
        requirePositive("lotus.backoff-max", backoffMax);
        requirePositive("lotus.sync-tolerance", syncTolerance);
        Objects.requireNonNull(network, "lotus.network");
        token = token == null || token.isBlank() ? null : token.trim();
    }

    /** Defaults for everything but the URL. */
    public static LotusClientConfig of(String url) {
        return fromProperties(key -> "lotus.url".equals(key) ? url : null);
    }

    public static LotusClientConfig fromProperties(Properties properties) {
        return fromProperties(properties::getProperty);
    }

    /** Reads the {@code lotus.*} keys; a missing or blank key takes its default. */
    public static LotusClientConfig fromProperties(Function<String, String> lookup) {
        Function<String, String> get = key -> {
            String v = lookup.apply(key);
            return v == null || v.isBlank() ? null : v.trim();
        };
        return new LotusClientConfig(
                URI.create(orDefault(get.apply("lotus.url"), DEFAULT_URL)),
                get.apply("lotus.token"),
                duration("lotus.connect-timeout", get.apply("lotus.connect-timeout"), "5s"),
                duration("lotus.read-timeout", get.apply("lotus.read-timeout"), "60s"),
                count("lotus.max-retries", orDefault(get.apply("lotus.max-retries"), "3")),
                duration("lotus.backoff-initial", get.apply("lotus.backoff-initial"), "200ms"),
                duration("lotus.backoff-max", get.apply("lotus.backoff-max"), "5s"),
                duration("lotus.sync-tolerance", get.apply("lotus.sync-tolerance"), "90s"),
                network(orDefault(get.apply("lotus.network"), "f")));
    }

    public LotusClientConfig withToken(String newToken) {
        return new LotusClientConfig(url, newToken, connectTimeout, readTimeout, maxRetries,
                backoffInitial, backoffMax, syncTolerance, network);
    }

    public LotusClientConfig withTimeouts(Duration connect, Duration read) {
        return new LotusClientConfig(url, token, connect, read, maxRetries,
                backoffInitial, backoffMax, syncTolerance, network);
    }

    public LotusClientConfig withRetries(int retries, Duration initial, Duration max) {
        return new LotusClientConfig(url, token, connectTimeout, readTimeout, retries,
                initial, max, syncTolerance, network);
    }

    public LotusClientConfig withSyncTolerance(Duration tolerance) {
        return new LotusClientConfig(url, token, connectTimeout, readTimeout, maxRetries,
                backoffInitial, backoffMax, tolerance, network);
    }

    /** Never prints the token: configs end up in logs. */
    @Override
    public String toString() {
        return "LotusClientConfig[url=" + url + ", token=" + (token == null ? "none" : "***")
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", maxRetries=" + maxRetries + ", backoff=" + backoffInitial + ".." + backoffMax
                + ", syncTolerance=" + syncTolerance + ", network=" + network.prefix() + "]";
    }

    /** Accepts {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, a plain number of milliseconds, or ISO-8601 ({@code PT5S}). */
    static Duration duration(String key, String text, String fallback) {
        String t = (text == null ? fallback : text).toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            if (t.chars().allMatch(Character::isDigit)) {
                return Duration.ofMillis(Long.parseLong(t));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1).trim());
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException("unknown unit");
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " is not a duration (e.g. 500ms, 5s, 2m): " + text, e);
        }
    }

    private static int count(String key, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a whole number: " + text, e);
        }
    }

    private static Network network(String text) {
        if (text.length() != 1) {
            throw new IllegalArgumentException("lotus.network must be 'f' or 't': " + text);
        }
        try {
            return Network.ofPrefix(text.charAt(0));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("lotus.network must be 'f' or 't': " + text, e);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static void requirePositive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration: " + d);
        }
    }
}
