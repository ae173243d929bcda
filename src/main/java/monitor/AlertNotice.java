package monitor;

/**
 * What an alert sends (JSON), once when it fires and once when it resolves: {@code alert} is its
 * name (the de-duplication key), {@code status} {@code firing} or {@code resolved}, {@code value}
 * the measured number and {@code threshold} the limit it is judged against; times are ISO-8601
 * ({@code endsAt} null while firing).
 */
public record AlertNotice(String alert, String status, String severity, String summary, long value, long threshold,
                          String startsAt, String endsAt) {
    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";
}
