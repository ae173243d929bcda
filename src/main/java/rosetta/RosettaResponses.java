package rosetta;

import api.ApiJson;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Rosetta answers: 200 with the response object, every failure as the specification's
 * Error object with HTTP 500 and one of the codes {@code /network/options} lists.
 */
public final class RosettaResponses {
    private static final Logger LOG = LoggerFactory.getLogger(RosettaResponses.class);

    private RosettaResponses() {
    }

    /** The route configuration's exception handler: maps what a handler threw. */
    public static void failure(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        RosettaException r = asRosetta(e, exchange.getMessage().getHeader(Exchange.HTTP_URI));
        write(exchange.getMessage(), 500, r.error().json(r.getMessage()));
    }

    static RosettaException asRosetta(Throwable e, Object uri) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RosettaException r) {
                return r;
            }
            if (t instanceof api.ApiException a && a.status() == 503) {
                LOG.warn("{} failed: {}", uri, a.getMessage());
                return RosettaError.UNAVAILABLE.because(a.getMessage());
            }
        }
        LOG.error("{} failed with a bug", uri, e);
        return RosettaError.INTERNAL.because(null);
    }

    static void write(Message message, int status, Object body) {
        // drop request headers so nothing of the request leaks into response headers
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(ApiJson.write(body));
    }
}
