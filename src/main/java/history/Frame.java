package history;

import java.math.BigInteger;

/**
 * One call frame of an executed message: the message's own call ({@code idx} 0, {@code parentIdx} -1)
 * or a sub-call in pre-order ({@code idx} 1..) as the {@code subcalls} table numbers them.
 *
 * @param from the caller as printed (ID form from Lotus 1.23 on)
 * @param fromId the caller's actor ID, null when unknown
 * @param to the callee as printed (robust or ID)
 * @param toId the callee's actor ID, null when unknown
 */
public record Frame(int idx, int parentIdx, String from, Long fromId, String to, Long toId, BigInteger value,
        long method, long exitCode) {
}
