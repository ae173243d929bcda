package routes;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;

/**
 * Error handling of the new-contract listener {@code contracts-listen} (records that are not
 * contracts are dead-lettered inside the route):
 * <ul>
 * <li>a commit refused because the partition moved to another consumer is logged: the new owner
 *     gets the record again and rewrites the same row;</li>
 * <li>anything else — Lotus unreachable or out of sync, ClickHouse refusing the insert, the
 *     dead-letter topic unavailable — is retried at the failing step without end, with capped
 *     exponential backoff ({@code filflow.contracts.retry.*}): a record is never committed unwritten
 *     and never dropped. A resolution that fails for a reason retrying cannot mend (a garbled node
 *     answer, a bug) is tried {@code filflow.contracts.retry.max-attempts} times, then dead-lettered
 *     with the reason ({@code ContractListener.resolve}), so one bad record cannot block the partition.</li>
 * </ul>
 */
public class ContractsErrorsConfiguration extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration("contracts-errors")
                .onException(CommitFailedException.class, RebalanceInProgressException.class)
                    .handled(true)
                    .log(LoggingLevel.WARN, "new_contract offset not committed (${exception.message}): the partition "
                            + "moved to another consumer, which gets the record again")
                .end()
                .onException(Exception.class)
                    .maximumRedeliveries(-1)
                    .redeliveryDelay("{{filflow.contracts.retry.backoff-ms}}")
                    .useExponentialBackOff()
                    .backOffMultiplier(2)
                    .maximumRedeliveryDelay("{{filflow.contracts.retry.max-backoff-ms}}")
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .logRetryAttempted(true);
    }
}
