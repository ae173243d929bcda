package api;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * The platform-http header filter, except that {@code Cache-Control} may leave: Camel drops it
 * from answers by default, and answers of final data carry {@code immutable} ({@link ResponseCache}).
 * Set on the platform-http component ({@code camel.component.platform-http.header-filter-strategy}).
 */
public final class ApiHeaderFilterStrategy extends HttpHeaderFilterStrategy {
    public ApiHeaderFilterStrategy() {
        getOutFilter().remove("cache-control");
    }
}
