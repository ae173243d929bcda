package api;

/** What the index knows about one actor. {@code balance} is attoFIL as a decimal string, or null. */
public record ActorRecord(ActorForms forms, String actorType, String codeCid, String balance) {
}
