package lotus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The transaction of {@code EthCall}; all members 0x-hex, null ones left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EthCallRequest(
        @JsonProperty("from") String from,
        @JsonProperty("to") String to,
        @JsonProperty("gas") String gas,
        @JsonProperty("gasPrice") String gasPrice,
        @JsonProperty("value") String value,
        @JsonProperty("data") String data) {

    /** A read-only call of {@code to} with {@code data} (e.g. an ERC-20 {@code name()} selector). */
    public static EthCallRequest call(String to, String data) {
        return new EthCallRequest(null, to, null, null, null, data);
    }
}
