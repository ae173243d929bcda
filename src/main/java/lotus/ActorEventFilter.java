package lotus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The filter of {@code GetActorEventsRaw}. Either a height range or a tipset key; null members
 * are left out. {@code fields} (event key to accepted values) is not offered: callers filter by emitter.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActorEventFilter(
        @JsonProperty("addresses") List<String> addresses,
        @JsonProperty("fromHeight") Long fromHeight,
        @JsonProperty("toHeight") Long toHeight,
        @JsonProperty("tipsetKey") TipSetKey tipsetKey) {

    public static ActorEventFilter heights(long from, long to) {
        return new ActorEventFilter(null, from, to, null);
    }

    public static ActorEventFilter tipset(TipSetKey key) {
        return new ActorEventFilter(null, null, null, key);
    }

    public ActorEventFilter withAddresses(List<String> emitters) {
        return new ActorEventFilter(List.copyOf(emitters), fromHeight, toHeight, tipsetKey);
    }
}
