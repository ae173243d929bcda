package pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import storage.rows.TipsetRow;
import storage.clickhouse.ClickHouseRowWriter;

/**
 * The beans of the per-height pipeline, route {@code direct:index-heights} (index-heights.camel.yaml,
 * the only way heights are indexed, in tests too): extract and archive a batch of heights in
 * parallel (bounded; a height holding more than its bound of rows inserts them as it goes) and, after the route wrote their rows (Kamelet clickhouse-rows-sink) and
 * announced the creations, write each height's {@code tipsets} row, the commit marker.
 * A height that failed anywhere gets no {@code tipsets} row, so none of its rows is canonical,
 * and it does not stop the other heights.
 */
public class HeightIndexer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeightIndexer.class);

    /** The exchange property holding the {@link HeightBatch} of a {@code direct:index-heights} call. */
    public static final String BATCH_PROPERTY = "heightBatch";

    private final HeightExtractor extractor;
    private final ClickHouseRowWriter writer;
    private final OrphanedCreations orphaned;
    private final ExecutorService fetchPool;
    private final long heightTimeoutMillis;
    private static final long NO_DEADLINE = Long.MIN_VALUE;
    private final int fetchParallelism;
    private final int rowsInMemory;
    private final AtomicInteger mostRowsHeld = new AtomicInteger();

    /** @param fetchParallelism how many heights are fetched and extracted at once */
    public HeightIndexer(HeightExtractor extractor, ClickHouseRowWriter writer, int fetchParallelism) {
        this(extractor, writer, fetchParallelism, Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * @param heightTimeoutMillis longest a height may take to fetch, extract and archive; a height
     *     still running then is interrupted and fails (it is retried, then a gap), so a batch's
     *     time is bounded and the Kafka consumer keeps within {@code max.poll.interval.ms}
     * @param rowsInMemory most rows one height holds before they are inserted
     *     ({@code filflow.pipeline.height.rows-in-memory}): a batch holds at most its heights
     *     times this, whatever the size of a tipset
     */
    public HeightIndexer(HeightExtractor extractor, ClickHouseRowWriter writer, int fetchParallelism,
            long heightTimeoutMillis, int rowsInMemory) {
        this.heightTimeoutMillis = heightTimeoutMillis;
        this.fetchParallelism = Math.max(1, fetchParallelism);
        this.rowsInMemory = rowsInMemory;
        this.extractor = extractor;
        this.writer = writer;
        this.orphaned = new OrphanedCreations(writer.client(), extractor.network());
        this.fetchPool = Executors.newFixedThreadPool(this.fetchParallelism, r -> {
            Thread t = new Thread(r, "height-fetch");
            t.setDaemon(true);
            return t;
        });
    }

    public HeightExtractor extractor() {
        return extractor;
    }

    /** The writer of the commit markers, also the bean behind Kamelet clickhouse-rows-sink. */
    public ClickHouseRowWriter writer() {
        return writer;
    }

    /** Fetches and extracts every height, at most {@code fetchParallelism} at a time. Never throws for a height. */
    public HeightBatch extract(List<Long> heights) {
        long start = System.nanoTime();
        AtomicLong spilled = new AtomicLong();
        List<Future<HeightBatch.Outcome>> futures = new ArrayList<>(heights.size());
        for (Long h : heights) {
            futures.add(fetchPool.submit(() -> extractOne(h, spilled)));
        }
        List<HeightBatch.Outcome> outcomes = new ArrayList<>(heights.size());
        long deadline = deadline(start, heights.size());
        for (int i = 0; i < futures.size(); i++) {
            try {
                outcomes.add(deadline == NO_DEADLINE ? futures.get(i).get()
                        : futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.add(new HeightBatch.Outcome(heights.get(i), null, e, 0));
            } catch (ExecutionException e) {
                outcomes.add(new HeightBatch.Outcome(heights.get(i), null, e.getCause(), 0));
            } catch (TimeoutException e) {
                futures.get(i).cancel(true);
                LOG.warn("height {} did not finish within its time ({} ms per height), interrupted", heights.get(i),
                        heightTimeoutMillis);
                outcomes.add(new HeightBatch.Outcome(heights.get(i), null, new TimeoutException("height "
                        + heights.get(i) + " did not finish within " + heightTimeoutMillis
                        + " ms (filflow.index.height-timeout-ms)"), millisSince(start)));
            }
        }
        HeightBatch batch = new HeightBatch(outcomes, start, spilled.get());
        batch.extracted(millisSince(start));
        return batch;
    }

    /** Extracts and archives a height; rows beyond {@code rowsInMemory} are inserted as they come. */
    private HeightBatch.Outcome extractOne(long height, AtomicLong spilled) {
        long t0 = System.nanoTime();
        RowBuffer buffer = new RowBuffer(rowsInMemory, spill -> {
            writer.insert(spill.table(), spill.rows());
            spilled.addAndGet(spill.rows().size());
        });
        try {
            HeightRows rows = extractor.extract(height, buffer);
            return new HeightBatch.Outcome(height, rows, null, millisSince(t0));
        } catch (RuntimeException e) {
            LOG.warn("height {} failed to extract: {}", height, e.toString());
            return new HeightBatch.Outcome(height, null, e, millisSince(t0));
        } finally {
            mostRowsHeld.accumulateAndGet(buffer.peak(), Math::max);
        }
    }

    /** The most rows one height held in memory at once since the start (a measure of the bound). */
    public int mostRowsHeld() {
        return mostRowsHeld.get();
    }

    /** Heights run {@code fetchParallelism} at a time, so the last of n starts after ceil(n/p) - 1 rounds. */
    private long deadline(long startNanos, int heights) {
        if (heightTimeoutMillis == Long.MAX_VALUE) {
            return NO_DEADLINE;
        }
        long rounds = (heights + fetchParallelism - 1) / fetchParallelism;
        return startNanos + TimeUnit.MILLISECONDS.toNanos(heightTimeoutMillis) * Math.max(1, rounds);
    }

    /**
     * Retractions of the creations the batch orphans (a height whose canonical tipset the batch
     * replaces by another), published on {@code new_contract} before the commit markers.
     */
    public List<ContractRetraction> retractions(@ExchangeProperty(BATCH_PROPERTY) HeightBatch batch) {
        Map<Long, String> newKeys = new HashMap<>();
        for (HeightRows rows : batch.extracted()) {
            newKeys.put(rows.height(), rows.tipset().tipsetKey());
        }
        return orphaned.of(newKeys);
    }

    /** A write failed (ClickHouse, Kafka): every height of the batch fails, none gets its commit marker. */
    public void failWrites(@ExchangeProperty(BATCH_PROPERTY) HeightBatch batch,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable error) {
        LOG.warn("writing {} heights failed: {}", batch.outcomes().size(), String.valueOf(error));
        batch.failWrites(error);
    }

    /** Writes the commit markers of the heights that fully succeeded and reports every height. */
    public List<HeightResult> complete(@ExchangeProperty(BATCH_PROPERTY) HeightBatch batch) {
        List<TipsetRow> markers = new ArrayList<>();
        long rowsWritten = batch.spilledRows();
        Throwable failure = batch.writeError();
        if (failure == null) {
            for (HeightRows rows : batch.extracted()) {
                markers.add(rows.tipset());
                rowsWritten += rows.rows().size();
            }
            try {
                writer.insert(TipsetRow.TABLE, markers);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        long total = millisSince(batch.startNanos());
        LOG.info("indexed {} heights ({} failed) in {} ms: extraction and archive {} ms, {} rows written",
                batch.outcomes().size(), batch.outcomes().size() - markers.size(), total,
                batch.extractMillis(), rowsWritten + markers.size());
        List<HeightResult> results = new ArrayList<>(batch.outcomes().size());
        for (HeightBatch.Outcome o : batch.outcomes()) {
            HeightRows rows = o.rows();
            Throwable error = o.error() != null ? o.error()
                    : failure;
            if (error != null) {
                results.add(HeightResult.failed(o.height(), rows == null ? mode() : rows.mode(),
                        error == o.error() ? o.extractMillis() : total, error));
            } else {
                results.add(new HeightResult(o.height(), rows.tipset().tipsetKey(), rows.nullRound(), rows.mode(),
                        rows.counts(), total, null));
            }
        }
        return results;
    }

    /** The mode heights are indexed in now. */
    public IndexMode mode() {
        return extractor.stateComputeAvailable() ? IndexMode.FULL : IndexMode.DEGRADED;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @Override
    public void close() {
        fetchPool.shutdownNow();
    }
}
