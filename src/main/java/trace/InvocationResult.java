package trace;

import codec.cid.Cid;

/**
 * One executed message of a tipset ({@code InvocResult}).
 *
 * @param msgCid the message CID as Lotus reports it (for a signed message, the signed CID)
 * @param msg the message as its sender wrote it
 * @param receipt the on-chain receipt
 * @param trace the root call of the execution trace, with all sub-calls
 * @param error the execution error Lotus reports, or null when there is none
 * @param durationNanos the time Lotus spent executing the message
 */
public record InvocationResult(Cid msgCid, TraceMessage msg, Receipt receipt, GasCost gasCost, Call trace, String error,
        long durationNanos) {

    /** Cron and block-reward messages the system actor ({@code f00}) sends itself; they are in no block. */
    public boolean isImplicit() {
        String from = msg.from();
        return from != null && from.length() == 3 && from.endsWith("00");
    }

    /** The message did not succeed: a non-zero exit code or an execution error. */
    public boolean failed() {
        return receipt.exitCode() != 0 || error != null;
    }

    /** Calls made below the root call, at any depth. */
    public int subcallCount() {
        return trace == null ? 0 : trace.descendantCount();
    }
}
