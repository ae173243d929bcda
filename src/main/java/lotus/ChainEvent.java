package lotus;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code ChainGetEvents}: an event under a receipt's events root; {@code emitter} is an actor ID. */
public record ChainEvent(@JsonProperty("Emitter") long emitter, @JsonProperty("Entries") List<EventEntry> entries) {
}
