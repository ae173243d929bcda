package api;

/** Answers one endpoint: the returned value is written as the 200 JSON body. */
@FunctionalInterface
public interface ApiHandler {
    Object handle(ApiRequest request);
}
