package trace;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message as a trace prints it. Addresses are the strings Lotus printed (an {@code InvocResult.Msg}
 * keeps the sender's robust or ID form, an {@code ExecutionTrace.Msg} from Lotus 1.23 on holds ID
 * addresses). Fields a trace generation does not record for internal calls (version, nonce, fee cap,
 * premium, and before 1.23-with-GasLimit the gas limit) read as 0.
 */
public record TraceMessage(int version, String to, String from, long nonce, BigInteger value, long gasLimit,
        BigInteger gasFeeCap, BigInteger gasPremium, long method, byte[] params) {

    /** Params compared by content, so equal traces give equal models. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TraceMessage m && version == m.version && nonce == m.nonce && gasLimit == m.gasLimit
                && method == m.method && Objects.equals(to, m.to) && Objects.equals(from, m.from)
                && Objects.equals(value, m.value) && Objects.equals(gasFeeCap, m.gasFeeCap)
                && Objects.equals(gasPremium, m.gasPremium) && Arrays.equals(params, m.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(to, from, nonce, value, method) * 31 + Arrays.hashCode(params);
    }

    @Override
    public String toString() {
        return "TraceMessage[" + from + " -> " + to + " method " + method + " value " + value + "]";
    }
}
