package monitor;

import java.time.Instant;

/**
 * One look at the indexing, what the gauges show and the alerts judge: the node's head and the
 * indexed height (null until known), {@code lag = head - indexed}, gaps, heights failing within the
 * alerts' window, the work-queue depth, and how long the indexed height has not advanced while
 * follow runs. {@code error} is set when a dependency did not answer: the numbers are then the
 * previous sample's.
 */
public record IndexingSample(Instant at, Long head, Long indexed, Long lag, long gaps, long failing, long queueDepth,
                             boolean following, long stalledSeconds, String error) {
}
