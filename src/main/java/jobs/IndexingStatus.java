package jobs;

/**
 * What {@code GET /api/v1/status} shows. {@code head} and {@code indexedHeight} are null until
 * known; {@code lag} is {@code head - indexedHeight}; {@code gaps} counts heights whose latest
 * report failed plus those the gaps job last found missing; {@code mode} is full or degraded.
 */
public record IndexingStatus(Long head, Long indexedHeight, Long lag, int confidence, long gaps,
                             String lastError, String mode) {
}
