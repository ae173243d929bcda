package lotus;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One key/value of an actor event; {@code codec} 0x55 (raw) or 0x51 (CBOR) says how {@code value} is encoded. */
public record EventEntry(
        @JsonProperty("Flags") int flags,
        @JsonProperty("Key") String key,
        @JsonProperty("Codec") long codec,
        @JsonProperty("Value") byte[] value) {
}
