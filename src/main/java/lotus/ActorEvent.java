package lotus;

import codec.cid.Cid;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code GetActorEventsRaw}: an event with where it happened; {@code emitter} as the node printed it. */
public record ActorEvent(
        @JsonProperty("entries") List<EventEntry> entries,
        @JsonProperty("emitter") String emitter,
        @JsonProperty("reverted") boolean reverted,
        @JsonProperty("height") long height,
        @JsonProperty("tipsetKey") TipSetKey tipsetKey,
        @JsonProperty("msgCid") Cid msgCid) {
}
