package codec.actors;

import codec.cid.Cid;

/**
 * An actor created by EAM Create/Create2/CreateExternal or Init Exec/Exec4.
 *
 * @param actorId   the new actor's ID
 * @param robust    its f2 robust address
 * @param delegated its f410 address (EVM creations), else null
 * @param eth       its 0x Ethereum address (EVM creations), else null
 * @param codeCid   the code of the new actor when known (Init params, or the Init sub-call of an EAM call), else null
 * @param initcode  EVM initcode when known, else null
 * @param method    the creating method ("Create", "Create2", "CreateExternal", "Exec", "Exec4")
 */
public record Creation(long actorId, String robust, String delegated, String eth, Cid codeCid, byte[] initcode,
        String method) {
}
