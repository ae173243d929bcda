package api;

/**
 * A request that cannot be answered normally: carries the HTTP status and the stable error code
 * of API.md's error body {@code {"error": {"code", "message"}}}.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Integer retryAfterSeconds;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    private ApiException(int status, String code, String message, Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 with a Retry-After header: a bounded queue is full. */
    public static ApiException busy(String message, int retryAfterSeconds) {
        return new ApiException(429, "TOO_BUSY", message, retryAfterSeconds);
    }

    /** 503 with a Retry-After header: the API is at its capacity and sheds this request ({@link RequestAdmission}). */
    public static ApiException overloaded(String message, int retryAfterSeconds) {
        return new ApiException(503, "OVERLOADED", message, retryAfterSeconds);
    }

    /** 429 with a Retry-After header: a client asked too often (accounts' rate limits). */
    public static ApiException rateLimited(String message, int retryAfterSeconds) {
        return new ApiException(429, "RATE_LIMITED", message, retryAfterSeconds);
    }

    /** Seconds for the Retry-After header, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "NOT_FOUND", message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, "DEPENDENCY_UNAVAILABLE", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
