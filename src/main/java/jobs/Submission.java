package jobs;

/** The answer to an index request: which job took it and how many heights it covers. */
public record Submission(String job, long heights, Long walkId) {
}
