package lotus;

import codec.cid.Cid;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One element of {@code ChainGetParentReceipts}, in the order of {@code ChainGetParentMessages}. */
public record MessageReceipt(
        @JsonProperty("ExitCode") long exitCode,
        @JsonProperty("Return") byte[] returnValue,
        @JsonProperty("GasUsed") long gasUsed,
        @JsonProperty("EventsRoot") Cid eventsRoot) {
}
