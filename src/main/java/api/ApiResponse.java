package api;

/** A handler result with a status other than 200 (e.g. 202 Accepted). */
public record ApiResponse(int status, Object body) {
}
