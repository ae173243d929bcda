package contracts.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contracts.solc.CompilerException;
import contracts.solc.CompilerWorkers;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs verifications off the API threads: one thread per compiler worker takes jobs from a
 * bounded queue; a full queue refuses the job at once ({@link CompilerException.Kind#BUSY}, which
 * the API answers with 429 and Retry-After). Every job is a row in PostgreSQL, so any filflow
 * instance can report it; a match is stored, and a full one replaces a partial one.
 */
public final class VerificationService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VerificationService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Verifier verifier;
    private final VerificationStore store;
    private final ThreadPoolExecutor executor;
    private final CompilerWorkers workers;
    private final int retryAfterSeconds;

    public VerificationService(Verifier verifier, VerificationStore store, CompilerWorkers workers, int queueCapacity,
                               int retryAfterSeconds) {
        this.verifier = verifier;
        this.store = store;
        this.workers = workers;
        this.retryAfterSeconds = retryAfterSeconds;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(workers.size(), workers.size(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> {
                    Thread t = new Thread(r, "contract-verify-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    public VerificationStore store() {
        return store;
    }

    /** Seconds a refused client should wait before it asks again. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Queues a verification; its id is what Etherscan calls the guid and Sourcify the verificationId. */
    public UUID submit(VerificationRequest request) {
        UUID id = UUID.randomUUID();
        store.createJob(id, request.address(), request.chainId());
        try {
            executor.execute(() -> run(id, request));
        } catch (RejectedExecutionException e) {
            store.finishJob(id, "failed", "none", "the verification queue is full", null);
            throw new CompilerException(CompilerException.Kind.BUSY, "the verification queue is full ("
                    + executor.getQueue().size() + " waiting); try again in " + retryAfterSeconds + " s");
        }
        return id;
    }

    public Optional<VerificationStore.Job> job(UUID id) {
        return store.job(id);
    }

    /** Jobs waiting for a compiler worker (not counting the ones compiling). */
    public int queued() {
        return executor.getQueue().size();
    }

    private void run(UUID id, VerificationRequest request) {
        try {
            Outcome outcome = verifier.verify(request);
            if (!outcome.verified()) {
                store.finishJob(id, "done", "none", outcome.reason(), null);
                return;
            }
            boolean stored = store.save(request, outcome);
            ObjectNode result = JSON.createObjectNode();
            result.put("name", outcome.name());
            result.put("sourcePath", outcome.sourcePath());
            result.put("compilerVersion", outcome.compilerVersion());
            result.put("stored", stored);
            if (outcome.creationMatch() != null) {
                result.put("creationMatch", outcome.creationMatch().label());
                result.put("creationReason", outcome.creationReason());
            }
            store.finishJob(id, "done", outcome.match().label(), stored ? null
                    : "already verified with a match at least as good; kept the stored one", result);
        } catch (VerificationInputException e) {
            store.finishJob(id, "failed", "none", e.getMessage(), JSON.createObjectNode().put("code", e.code()));
        } catch (CompilerException e) {
            store.finishJob(id, "failed", "none", e.getMessage(), JSON.createObjectNode().put("code", e.kind().name()));
        } catch (RuntimeException e) {
            LOG.warn("verification {} of {} failed", id, request.address(), e);
            store.finishJob(id, "failed", "none", "verification failed: " + e.getMessage(),
                    JSON.createObjectNode().put("code", "INTERNAL"));
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        workers.close();
    }
}
