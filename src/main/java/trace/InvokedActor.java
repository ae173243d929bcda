package trace;

/** The actor a call ran on (Lotus 1.26+): its ID and state. */
public record InvokedActor(long id, ActorState state) {
}
