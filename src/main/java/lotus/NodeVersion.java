package lotus;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code Version}: the node's build, API version and block delay in seconds. */
public record NodeVersion(
        @JsonProperty("Version") String version,
        @JsonProperty("APIVersion") long apiVersion,
        @JsonProperty("BlockDelay") long blockDelay) {
}
