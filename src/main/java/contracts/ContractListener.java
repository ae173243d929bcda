package contracts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import filflow.Redact;
import lotus.LotusClient;
import lotus.LotusOutOfSyncException;
import lotus.LotusTransportException;
import pipeline.ContractRetraction;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import storage.clickhouse.ClickHouseRowWriter;

/**
 * The steps of route {@code contracts-listen}, one {@code new_contract} record at a time: resolve
 * it into a contract row, write the row, and only then commit the record's offset; a retraction
 * (a creation in a tipset a reorg orphaned) removes the row it names; a record that cannot be a
 * contract is marked for the dead-letter topic instead.
 */
public final class ContractListener {
    /** Dead-letter headers (Kafka record headers on {@code new_contract.dlq}), set by Kamelet filflow-dead-letter-action. */
    public static final String ERROR_HEADER = "filflow.error";
    public static final String ERROR_TYPE_HEADER = "filflow.error.type";
    public static final String SOURCE_HEADER = "filflow.source";
    /** Exchange properties set by the route: the record's value as received, and why it is not a contract. */
    public static final String VALUE = "newContractValue";
    public static final String REJECTION = "contractRejected";
    /** Set by {@link #resolve} when the record retracts a creation (its {@link pipeline.ContractRetraction}). */
    public static final String RETRACTION = "contractRetraction";
    static final String ATTEMPTS = "contractAttempts";

    private static final Logger LOG = LoggerFactory.getLogger(ContractListener.class);
    private final ContractResolver resolver;
    private final ClickHouseRowWriter writer;
    private final int maxAttempts;

    public ContractListener(LotusClient lotus, ClickHouseRowWriter writer, Clock clock) {
        this(lotus, writer, clock, 10);
    }

    /** @param maxAttempts attempts for a record whose resolution fails for a non-transient reason */
    public ContractListener(LotusClient lotus, ClickHouseRowWriter writer, Clock clock, int maxAttempts) {
        this.resolver = new ContractResolver(lotus, clock);
        this.writer = writer;
        this.maxAttempts = maxAttempts;
    }

    /**
     * The record's value → zero rows (an Init call the EAM record covers) or one. A record that is
     * not a contract gives no rows and sets {@link #REJECTION} for the dead-letter branch; Lotus
     * failures propagate, so the route's error handler retries this step — without end for an
     * outage, {@code maxAttempts} times for anything else, which is then dead-lettered too.
     */
    public List<ContractRow> resolve(@Body String value, Exchange exchange) {
        try {
            if (value == null) {
                throw new MalformedCreationException("empty record");
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            if (RetractionParser.isRetraction(bytes)) {
                exchange.setProperty(RETRACTION, RetractionParser.parse(bytes));
                return List.of();
            }
            ParsedCreation c = CreationParser.parse(bytes);
            List<ContractRow> rows = resolver.resolve(c).stream().toList();
            if (rows.isEmpty()) {
                LOG.debug("{} {}: Init Exec4 of actor f0{} is described by the message's EAM record",
                        c.payload().messageCid(), c.payload().callPath(), c.creation().actorId());
            }
            return rows;
        } catch (MalformedCreationException e) {
            exchange.setProperty(REJECTION, e);
            return List.of();
        } catch (RuntimeException e) {
            if (transientFailure(e)) {
                throw e; // an outage: the route retries without end
            }
            int attempt = exchange.getProperty(ATTEMPTS, 0, Integer.class) + 1;
            exchange.setProperty(ATTEMPTS, attempt);
            if (attempt < maxAttempts) {
                throw e;
            }
            exchange.setProperty(REJECTION, new IllegalStateException("not resolved after " + attempt + " attempts: "
                    + e.getClass().getSimpleName() + ": " + Redact.text(String.valueOf(e.getMessage())), e));
            return List.of();
        }
    }

    /**
     * Failures that go away by themselves: the node unreachable, timing out or behind. Anything else
     * (an RPC error, an answer of the wrong shape, a bug) would fail the same way on every attempt.
     */
    static boolean transientFailure(Throwable e) {
        return e instanceof LotusTransportException || e instanceof LotusOutOfSyncException;
    }

    /**
     * Removes the contract a retraction names, only as created in the orphaned tipset: a row the
     * actor got from a creation in another tipset (the reorg's new branch, written before or after)
     * stays. Returns once ClickHouse applied the delete; applying it again is harmless.
     */
    public void retract(@ExchangeProperty(RETRACTION) ContractRetraction r) {
        writer.client().queryAll("DELETE FROM contracts WHERE actor_id = {a:UInt64}"
                        + " AND creation_message_cid = {m:String} AND creation_tipset_key = {k:String}",
                Map.of("a", r.actorId(), "m", r.messageCid(), "k", String.join(",", r.tipsetKey())));
        LOG.info("retracted f0{} created by {} in orphaned tipset at {}", r.actorId(), r.messageCid(), r.height());
    }

    /** Returns once ClickHouse acknowledged the rows. */
    public void store(List<ContractRow> rows) {
        writer.insert(ContractRow.TABLE, rows);
    }
}
