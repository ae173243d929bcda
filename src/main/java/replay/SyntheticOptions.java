package replay;

import java.time.Duration;
import java.util.Set;

/**
 * A synthetic chain: {@code length} consecutive heights from {@code fromHeight}, built by cycling
 * the recorded tipsets of one network. Optional null rounds (every k-th height), one planned
 * reorg (after a number of requests or a delay), a growing head, and addresses the first reorg's
 * branch gives to other actors.
 */
public record SyntheticOptions(long fromHeight, long length, int nullEvery, int reorgDepth,
                               long reorgAfterRequests, Duration reorgAfter, Duration growEvery,
                               Set<String> forkedAddresses, boolean replacedMessages) {
    public SyntheticOptions {
        if (fromHeight < 1 || length < 1) {
            throw new IllegalArgumentException("synthetic chain needs fromHeight >= 1 and length >= 1");
        }
        if (nullEvery < 0 || nullEvery == 1) {
            throw new IllegalArgumentException("nullEvery must be 0 (none) or at least 2");
        }
    }

    public static SyntheticOptions of(long fromHeight, long length) {
        return new SyntheticOptions(fromHeight, length, 0, 0, 0, null, null, Set.of(), false);
    }

    /** Every height divisible by {@code k} (except the first) is a null round: no tipset. */
    public SyntheticOptions withNullEvery(int k) {
        return new SyntheticOptions(fromHeight, length, k, reorgDepth, reorgAfterRequests, reorgAfter, growEvery, forkedAddresses, replacedMessages);
    }

    /** After {@code requests} JSON-RPC requests the last {@code depth} tipsets move to a new branch. */
    public SyntheticOptions withReorgAfterRequests(int depth, long requests) {
        return new SyntheticOptions(fromHeight, length, nullEvery, depth, requests, null, growEvery, forkedAddresses, replacedMessages);
    }

    /** {@code delay} after start the last {@code depth} tipsets move to a new branch. */
    public SyntheticOptions withReorg(int depth, Duration delay) {
        return new SyntheticOptions(fromHeight, length, nullEvery, depth, 0, delay, growEvery, forkedAddresses, replacedMessages);
    }

    /** The head grows by one height every {@code every}. */
    public SyntheticOptions withGrowth(Duration every) {
        return new SyntheticOptions(fromHeight, length, nullEvery, reorgDepth, reorgAfterRequests, reorgAfter, every, forkedAddresses, replacedMessages);
    }

    /**
     * On the branch of the first reorg, each of these robust addresses (as the recordings print
     * them, {@code f1…}/{@code f2…}/{@code f3…}) is replaced by another valid address of its kind
     * wherever messages and traces print it: as if the fork had given the sender's actor ID to a
     * different address. The second reorg's branch has the recorded addresses again.
     */
    public SyntheticOptions withForkedAddresses(String... addresses) {
        return new SyntheticOptions(fromHeight, length, nullEvery, reorgDepth, reorgAfterRequests, reorgAfter,
                growEvery, Set.of(addresses), replacedMessages);
    }

    /**
     * Each height whose recording has a block after the first one that includes some signed
     * message (and not that message) also includes, in that later block, the sender's replacement
     * of it: same nonce, higher gas premium, its own CID. The earlier block took the nonce, so the
     * replacement is included but never executed ({@link ReplacedMessage}).
     */
    public SyntheticOptions withReplacedMessages() {
        return new SyntheticOptions(fromHeight, length, nullEvery, reorgDepth, reorgAfterRequests, reorgAfter,
                growEvery, forkedAddresses, true);
    }

    boolean isNull(long height) {
        return nullEvery > 0 && height != fromHeight && height % nullEvery == 0;
    }
}
