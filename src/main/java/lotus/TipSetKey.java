package lotus;

import codec.cid.Cid;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** The block CIDs that name a tipset. The empty key means "the current head" to Lotus. */
public record TipSetKey(List<Cid> cids) {
    public static final TipSetKey EMPTY = new TipSetKey(List.of());

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public TipSetKey {
        cids = cids == null ? List.of() : List.copyOf(cids);
    }

    public static TipSetKey of(Cid... cids) {
        return new TipSetKey(List.of(cids));
    }

    /** Lotus writes a key as a JSON array of {@code {"/": cid}}. */
    @JsonValue
    public List<Cid> cids() {
        return cids;
    }

    public boolean isEmpty() {
        return cids.isEmpty();
    }
}
