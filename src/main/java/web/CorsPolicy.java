package web;

import api.ApiJson;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Cross-origin access to the API for a UI hosted elsewhere ({@code API_CORS_ORIGINS}): a
 * comma-separated list of origins such as {@code https://explorer.example.org}, or {@code *}
 * for any; empty (the default) sends no CORS headers, so browsers keep the API same-origin.
 */
public final class CorsPolicy {
    public static final String SETTING = "api.cors-origins";
    static final String ORIGIN = "filflow.cors.origin";
    static final String ALLOW_METHODS = "GET, POST, PATCH, DELETE, OPTIONS";
    static final String ALLOW_HEADERS = "Authorization, Content-Type";

    private final boolean any;
    private final Set<String> origins;

    private CorsPolicy(boolean any, Set<String> origins) {
        this.any = any;
        this.origins = origins;
    }

    /** The policy of {@code api.cors-origins} ({@code API_CORS_ORIGINS}) in this context. */
    public static CorsPolicy of(CamelContext context) {
        return parse(context.resolvePropertyPlaceholders("{{" + SETTING + "}}"));
    }

    public static CorsPolicy parse(String setting) {
        Set<String> list = setting == null ? Set.of() : Arrays.stream(setting.split(","))
                .map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
                .map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        return new CorsPolicy(list.contains("*"), list);
    }

    public boolean enabled() {
        return any || !origins.isEmpty();
    }

    /** Before the handler: keeps the request's Origin, since answers drop every request header. */
    public void remember(Exchange exchange) {
        String origin = exchange.getMessage().getHeader("Origin", String.class);
        if (origin != null) {
            exchange.setProperty(ORIGIN, origin);
        }
    }

    /** After the handler (or the error handler): the CORS headers for an allowed origin. */
    public void apply(Exchange exchange) {
        String origin = exchange.getProperty(ORIGIN, String.class);
        if (origin == null || !allows(origin)) {
            return;
        }
        Message out = exchange.getMessage();
        out.setHeader("Access-Control-Allow-Origin", any ? "*" : origin);
        if (!any) {
            out.setHeader("Vary", "Origin");
        }
        out.setHeader("Access-Control-Expose-Headers", "Content-Type");
    }

    /** An OPTIONS preflight: 204 with what the API accepts, or 403 for an origin not allowed. */
    public void preflight(Exchange exchange) {
        Message msg = exchange.getMessage();
        String origin = msg.getHeader("Origin", String.class);
        msg.removeHeaders("*");
        if (origin == null || !allows(origin)) {
            msg.setHeader(Exchange.HTTP_RESPONSE_CODE, 403);
            msg.setHeader(Exchange.CONTENT_TYPE, "application/json");
            msg.setBody(ApiJson.write(ApiJson.error("CORS_ORIGIN_NOT_ALLOWED",
                    "cross-origin requests from this origin are not allowed (API_CORS_ORIGINS)")));
            return;
        }
        msg.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        msg.setHeader("Access-Control-Allow-Origin", any ? "*" : origin);
        msg.setHeader("Access-Control-Allow-Methods", ALLOW_METHODS);
        msg.setHeader("Access-Control-Allow-Headers", ALLOW_HEADERS);
        msg.setHeader("Access-Control-Max-Age", "600");
        if (!any) {
            msg.setHeader("Vary", "Origin");
        }
        msg.setBody(null);
    }

    boolean allows(String origin) {
        String o = origin.toLowerCase(Locale.ROOT);
        return any || origins.contains(o.endsWith("/") ? o.substring(0, o.length() - 1) : o);
    }
}
