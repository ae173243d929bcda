package api;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes handler results and failures as HTTP answers; the only place statuses and error bodies are made. */
public final class ApiResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ApiResponses.class);

    private ApiResponses() {
    }

    /** Runs a handler on the request and writes its result: what each handler bean method does. */
    public static void answer(Exchange exchange, ApiHandler handler) {
        ok(exchange, handler.handle(new ApiRequest(exchange.getMessage())));
    }

    public static void ok(Exchange exchange, Object result) {
        if (result instanceof ApiResponse r) {
            write(exchange.getMessage(), r.status(), r.body());
            r.headers().forEach(exchange.getMessage()::setHeader);
        } else {
            write(exchange.getMessage(), 200, result);
        }
    }

    /** An answer that never changes: its ETag and Cache-Control, or 304 without a body when the client has it. */
    static void immutable(Exchange exchange, byte[] body, String etag, String cacheControl, boolean notModified) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader("ETag", etag);
        message.setHeader("Cache-Control", cacheControl);
        if (notModified) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
            message.setBody(null);
        } else {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(body);
        }
    }

    /** Maps the exception a handler threw: API errors as they say, anything else is a bug (logged, 500). */
    public static void failure(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiException api = asApiException(e);
        Object uri = exchange.getMessage().getHeader(Exchange.HTTP_URI);
        if (api.status() == 500) {
            LOG.error("{} failed with a bug", uri, e);
        } else if (api.status() >= 500) {
            LOG.warn("{} failed: {}", uri, api.getMessage());
        }
        write(exchange.getMessage(), api.status(), ApiJson.error(api.code(), api.getMessage()));
        if (api.retryAfterSeconds() != null) {
            exchange.getMessage().setHeader("Retry-After", api.retryAfterSeconds().toString());
        }
    }

    static ApiException asApiException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return new ApiException(500, "INTERNAL", "internal error; this is a bug, please report it");
    }

    private static void write(Message message, int status, Object body) {
        // drop request headers so path/query parameters never leak into response headers
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(ApiJson.write(body));
    }
}
