package lotus;

import codec.cid.Cid;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One element of {@code ChainGetParentMessages}: the message CID as included (signed CID for secp messages). */
public record ParentMessage(@JsonProperty("Cid") Cid cid, @JsonProperty("Message") Message message) {
}
