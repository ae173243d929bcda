package observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Meters what the routes do, read from Camel's exchange events so the routes stay as they are:
 * API requests by REST operation and HTTP status ({@link Meters#API_REQUESTS}, a histogram), and
 * the new-contract listener's records by outcome ({@link Meters#LISTENER_RECORDS}) and retries.
 */
public final class ExchangeMeters extends EventNotifierSupport {
    /** Routes whose ids start so are the REST API's (routes/api-*.camel.yaml). */
    static final String API_ROUTES = "api-";
    /** The listener's route (routes/contracts-listen.camel.yaml). */
    static final String LISTENER_ROUTE = "contracts-listen";
    /** Set by the listener's resolve step on a record that is not a contract. */
    static final String REJECTED = "contractRejected";

    private final MeterRegistry meters;

    public ExchangeMeters(MeterRegistry meters) {
        this.meters = meters;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
        // the listener's series exist from the start, so rates and alerts see 0, not nothing
        for (String outcome : new String[] {"stored", "dead_lettered", "failed"}) {
            listenerRecords(outcome);
        }
        listenerRetries();
    }

    private Counter listenerRecords(String outcome) {
        return Counter.builder(Meters.LISTENER_RECORDS).description("new-contract records by outcome")
                .tag("outcome", outcome).register(meters);
    }

    private Counter listenerRetries() {
        return Counter.builder(Meters.LISTENER_RETRIES).description("listener steps tried again after a failure")
                .register(meters);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent
                || event instanceof CamelEvent.ExchangeRedeliveryEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeEvent) event).getExchange();
        String route = exchange.getFromRouteId();
        // copies made by split, multicast or wire tap are parts of a request, not requests
        if (route == null || exchange.getProperty(ExchangePropertyKey.CORRELATION_ID) != null) {
            return;
        }
        boolean redelivery = event instanceof CamelEvent.ExchangeRedeliveryEvent;
        if (route.startsWith(API_ROUTES) && !redelivery) {
            Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            int code = status != null ? status : exchange.isFailed() ? 500 : 200;
            Meters.latency(Meters.API_REQUESTS, "API requests by REST operation and HTTP status")
                    .tag("route", route).tag("status", Integer.toString(code)).register(meters)
                    .record(exchange.getClock().elapsed(), TimeUnit.MILLISECONDS);
        } else if (route.equals(LISTENER_ROUTE)) {
            if (redelivery) {
                listenerRetries().increment();
            } else {
                String outcome = exchange.isFailed() ? "failed"
                        : exchange.getProperty(REJECTED) != null ? "dead_lettered" : "stored";
                listenerRecords(outcome).increment();
            }
        }
    }
}
