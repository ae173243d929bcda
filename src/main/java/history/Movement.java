package history;

import java.math.BigInteger;

/**
 * One side of a FIL movement. Movements come in pairs that sum to zero: {@link #related()} is the
 * index of the other side in the same {@link MessageMovements} list.
 *
 * @param index position in the message's list (execution order: value moves by frame, then gas)
 * @param account the actor as an ID address ({@code f0…}) when its ID is known, else the address the trace printed
 * @param actorId the actor ID, or null when only a robust address is known
 * @param amount signed attoFIL: negative for the payer, positive for the payee
 * @param messageCid the executed message that caused it
 * @param frame the call frame that moved the value: 0 the message itself, 1.. its sub-calls in pre-order
 *        (the {@code subcalls.idx} column), {@link #GAS_FRAME} for gas movements
 */
public record Movement(int index, String account, Long actorId, BigInteger amount, MovementKind kind,
        String messageCid, int frame, int related) {

    /** Frame number of gas movements: the executor settles gas after the call tree has run. */
    public static final int GAS_FRAME = -1;

    public boolean gas() {
        return frame == GAS_FRAME;
    }
}
