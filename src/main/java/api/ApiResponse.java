package api;

import java.util.Map;

/** A handler result with a status other than 200 (e.g. 202 Accepted), and response headers if any. */
public record ApiResponse(int status, Object body, Map<String, String> headers) {
    public ApiResponse(int status, Object body) {
        this(status, body, Map.of());
    }
}
