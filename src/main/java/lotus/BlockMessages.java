package lotus;

import codec.cid.Cid;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code ChainGetBlockMessages}: BLS messages, then secp messages; {@code cids} lists all of them in that order. */
public record BlockMessages(List<Message> blsMessages, List<SignedMessage> secpkMessages, List<Cid> cids) {
    @JsonCreator
    public BlockMessages(@JsonProperty("BlsMessages") List<Message> blsMessages,
                         @JsonProperty("SecpkMessages") List<SignedMessage> secpkMessages,
                         @JsonProperty("Cids") List<Cid> cids) {
        this.blsMessages = blsMessages == null ? List.of() : List.copyOf(blsMessages);
        this.secpkMessages = secpkMessages == null ? List.of() : List.copyOf(secpkMessages);
        this.cids = cids == null ? List.of() : List.copyOf(cids);
    }
}
