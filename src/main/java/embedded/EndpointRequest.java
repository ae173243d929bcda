package embedded;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a ClickHouse HTTP request the embedded endpoint acts on. */
final class EndpointRequest {
    /** URL parameters that steer the HTTP interface itself and are not engine settings. */
    private static final Set<String> HTTP_ONLY = Set.of("query", "query_id", "database", "default_format",
            "compress", "decompress", "enable_http_compression", "user", "password", "session_id",
            "session_timeout", "session_check", "wait_end_of_query", "buffer_size",
            "http_native_compression_disable_checksumming_on_decompress");
    private static final Pattern INSERT = Pattern.compile(
            "(?is)^\\s*(INSERT\\s+INTO\\s+.+?)(?:\\s+(?:FORMAT\\s+([A-Za-z0-9_]+)|(VALUES)))?\\s*;?\\s*$");
    private static final Pattern SESSION_STATEMENT = Pattern.compile("(?is)^\\s*(SET|USE)\\s.*");

    final Map<String, String> parameters;
    final Map<String, String> settings = new LinkedHashMap<>();
    final List<String> parameterNames = new ArrayList<>();
    final List<String> parameterValues = new ArrayList<>();

    EndpointRequest(URI uri) {
        this.parameters = parseQueryString(uri.getRawQuery());
        for (Map.Entry<String, String> entry : parameters.entrySet()) {
            String name = entry.getKey();
            if (name.startsWith("param_")) {
                parameterNames.add(name.substring("param_".length()));
                parameterValues.add(entry.getValue());
            } else if (!HTTP_ONLY.contains(name)) {
                settings.put(name, entry.getValue());
            }
        }
    }

    String urlQuery() {
        return parameters.get("query");
    }

    boolean flag(String name) {
        return "1".equals(parameters.get(name)) || "true".equalsIgnoreCase(parameters.get(name));
    }

    String invalidSettingName() {
        return settings.keySet().stream().filter(name -> !SqlText.isName(name)).findFirst().orElse(null);
    }

    static boolean isSessionStatement(String sql) {
        return SESSION_STATEMENT.matcher(sql).matches();
    }

    /** An INSERT whose rows come in the body: the statement without its format, and the format. */
    record Insert(String statement, String format) {
        String fromFile(String path) {
            return statement + " FROM INFILE " + SqlText.quote(path) + " FORMAT " + format;
        }
    }

    static Insert parseInsert(String sql, String headerFormat) {
        Matcher matcher = INSERT.matcher(sql);
        if (!matcher.matches()) {
            return null;
        }
        String format = matcher.group(2) != null ? matcher.group(2)
                : matcher.group(3) != null ? "Values"
                : headerFormat != null ? headerFormat : "TabSeparated";
        return new Insert(matcher.group(1), format);
    }

    private static Map<String, String> parseQueryString(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.put(name, value);
        }
        return result;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
