package routes;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;

import jobs.HeightsFailedException;

/**
 * Error handling of the indexer route {@code index-consume}:
 * <ul>
 * <li>heights that failed are indexed again with exponential backoff
 *     ({@code filflow.index.retry.*}); when attempts run out they are reported as gaps
 *     (status {@code failed}) and the route continues to commit — the consumer moves on, the gaps
 *     job refills them later;</li>
 * <li>a commit refused because the partitions moved to another consumer (this one was too slow or
 *     a rebalance is under way) is logged: the new owner gets the heights again;</li>
 * <li>anything else (ClickHouse cannot take the reports, the pipeline threw) is retried
 *     indefinitely with capped backoff: the batch is never committed unwritten, and never
 *     skipped.</li>
 * </ul>
 */
public class IndexErrorsConfiguration extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        int attempts = Integer.parseInt(getCamelContext().resolvePropertyPlaceholders("{{filflow.index.retry.attempts}}"));
        if (attempts < 1) {
            throw new IllegalArgumentException("filflow.index.retry.attempts must be >= 1, is " + attempts);
        }
        routeConfiguration("index-errors")
                .onException(HeightsFailedException.class)
                    .maximumRedeliveries(attempts - 1)
                    .redeliveryDelay("{{filflow.index.retry.backoff-ms}}")
                    .useExponentialBackOff()
                    .backOffMultiplier(2)
                    .retryAttemptedLogLevel(LoggingLevel.INFO)
                    .logRetryAttempted(true)
                    .logExhausted(false)
                    .continued(true)
                    .bean("indexBatch", "recordGaps")
                .end()
                .onException(CommitFailedException.class, RebalanceInProgressException.class)
                    .handled(true)
                    .log(LoggingLevel.WARN, "Offsets not committed (${exception.message}): the partitions moved to another "
                            + "consumer, which gets these heights again")
                .end()
                .onException(Exception.class)
                    .maximumRedeliveries(-1)
                    .redeliveryDelay("{{filflow.index.retry.backoff-ms}}")
                    .useExponentialBackOff()
                    .backOffMultiplier(2)
                    .maximumRedeliveryDelay("{{filflow.index.retry.max-backoff-ms}}")
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .logRetryAttempted(true);
    }
}
