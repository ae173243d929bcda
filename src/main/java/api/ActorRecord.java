package api;

/** What the index knows about one actor (the actors table holds no balances). */
public record ActorRecord(ActorForms forms, String actorType, String codeCid) {
}
