package api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Load shedding for {@code /api/}: past its capacity a server that queues every request answers
 * none in time, also after the load stops. So at most {@code api.max-in-flight} requests are taken
 * at once; one more is answered at once, on the event loop, with 503 {@code OVERLOADED} and
 * {@code Retry-After} (no handler, no query). A request taken is still not executed when, as a
 * worker thread picks it up, its client has gone (it is dropped) or it has waited longer than
 * {@code api.queue-deadline-ms} since it arrived (503 {@code OVERLOADED}): its answer would come
 * too late to be of use. ClickHouse bounds each query by {@code api.query-timeout-ms}.
 */
public final class RequestAdmission {
    /** Registry name of the instance {@link HttpErrorBodies#install} binds. */
    public static final String BEAN = "apiRequestAdmission";
    /** Set on each request taken, so the route sees when it arrived (a client's own value is replaced). */
    static final String ADMITTED_AT = "Filflow-Admitted-At";
    static final int RETRY_AFTER_SECONDS = 1;

    private final int maxInFlight;
    private final long deadlineNanos;
    private final Semaphore slots;
    private final Supplier<MeterRegistry> meters;

    public RequestAdmission(int maxInFlight, long deadlineMillis, Supplier<MeterRegistry> meters) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("api.max-in-flight must be at least 1, not " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.deadlineNanos = TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
        this.slots = new Semaphore(maxInFlight);
        this.meters = meters;
    }

    /**
     * From {@code api.max-in-flight} and {@code api.queue-deadline-ms}; counts into the registry's
     * {@code meterRegistry}, looked up when counting: it is made before the HTTP servers, which is
     * before that registry is bound.
     */
    static RequestAdmission of(CamelContext context) {
        int max = Integer.parseInt(context.resolvePropertyPlaceholders("{{api.max-in-flight}}").trim());
        long deadline = Long.parseLong(context.resolvePropertyPlaceholders("{{api.queue-deadline-ms}}").trim());
        return new RequestAdmission(max, deadline,
                () -> context.getRegistry().lookupByNameAndType("meterRegistry", MeterRegistry.class));
    }

    /** The bound instance, or null where none was installed (the check then passes everything). */
    public static RequestAdmission find(CamelContext context) {
        return context.getRegistry().lookupByNameAndType(BEAN, RequestAdmission.class);
    }

    /** First handler of the HTTP router (event loop): takes an API request or sheds it. */
    public Handler<RoutingContext> gate() {
        return ctx -> {
            String path = ctx.request().path();
            if (path == null || !path.startsWith("/api/")) {
                ctx.next();
                return;
            }
            if (!slots.tryAcquire()) {
                count("overloaded");
                byte[] body = ApiJson.write(ApiJson.error("OVERLOADED", "the API is answering its most requests at once ("
                        + maxInFlight + "); retry after " + RETRY_AFTER_SECONDS + " s"));
                ctx.response().setStatusCode(503)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
                        .end(Buffer.buffer(body));
                return;
            }
            // the slot is free again when the answer starts (before any byte reaches the client) or the connection ends
            AtomicBoolean released = new AtomicBoolean();
            Handler<Void> release = v -> {
                if (released.compareAndSet(false, true)) {
                    slots.release();
                }
            };
            ctx.addHeadersEndHandler(release);
            ctx.addEndHandler(done -> release.handle(null));
            ctx.request().headers().set(ADMITTED_AT, Long.toString(System.nanoTime()));
            ctx.next();
        };
    }

    /**
     * First step of every API route (worker thread): a request whose client has gone is not
     * executed (the route stops, nothing is answered); one that waited past the deadline is 503.
     */
    public void stillWanted(Exchange exchange) {
        if (exchange.getIn() instanceof HttpMessage http && http.getResponse() != null && http.getResponse().closed()) {
            count("disconnected");
            exchange.setRouteStop(true);
            return;
        }
        String admitted = exchange.getMessage().getHeader(ADMITTED_AT, String.class);
        if (admitted != null && System.nanoTime() - Long.parseLong(admitted) > deadlineNanos) {
            count("deadline");
            throw ApiException.overloaded("the request waited longer than "
                    + TimeUnit.NANOSECONDS.toMillis(deadlineNanos) + " ms for its turn", RETRY_AFTER_SECONDS);
        }
    }

    /** Requests being answered now (taken, not yet answering). */
    int inFlight() {
        return maxInFlight - slots.availablePermits();
    }

    private void count(String reason) {
        MeterRegistry registry = meters.get();
        if (registry != null) {
            Counter.builder(observe.Meters.API_SHED).description("API requests not executed: overloaded, deadline, disconnected")
                    .tag("reason", reason).register(registry).increment();
        }
    }
}
