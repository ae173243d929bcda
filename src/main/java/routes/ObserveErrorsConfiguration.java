package routes;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Observing never stops anything: a failed sample or progress line is logged in one line and the
 * next tick tries again. A notice the webhook or Kafka refuses is sent again four times over about
 * 15 s, then logged with the notice and dropped (the alert's state stays, so it is not sent twice).
 */
public class ObserveErrorsConfiguration extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration("observe-errors")
                .onException(Exception.class)
                    .handled(true)
                    .log(LoggingLevel.WARN, "routes.observe", "${routeId} failed this tick: ${exception.message}");
        // a dead-letter channel: retries at the failing send, then the notice is logged and handled,
        // so nothing propagates to the sampling route
        routeConfiguration("alerts-errors")
                .errorHandler(deadLetterChannel("log:routes.alerts?level=WARN&showBody=true&showHeaders=false"
                        + "&showExchangePattern=false&showBodyType=false&showCaughtException=true")
                        .maximumRedeliveries(4).redeliveryDelay(1000).backOffMultiplier(2).useExponentialBackOff()
                        .retryAttemptedLogLevel(LoggingLevel.DEBUG).logExhausted(false));
    }
}
