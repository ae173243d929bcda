package trace;

import codec.actors.ActorCall;
import codec.cid.Cid;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * One invocation in an execution trace, with its nested calls.
 *
 * @param codeCid the invoked actor's code: recorded from Lotus 1.25 on ({@code Msg.CodeCid}, or
 *        {@code InvokedActor.State.Code} from 1.26); null in older traces
 * @param invokedActor the invoked actor and its state (Lotus 1.26+), else null
 * @param readOnly a static call (Lotus 1.23+ with {@code ReadOnly}), false when not recorded
 * @param paramsCodec the IPLD codec of the params (0x51 DAG-CBOR, 0x55 raw, 0 none), or
 *        {@link #CODEC_UNRECORDED} for traces before Lotus 1.23
 * @param returnCodec the IPLD codec of the return value, same convention
 */
public record Call(TraceMessage msg, Receipt receipt, Cid codeCid, InvokedActor invokedActor, List<Call> subcalls,
        boolean readOnly, int paramsCodec, int returnCodec) implements ActorCall {

    public Call {
        subcalls = subcalls == null ? List.of() : List.copyOf(subcalls);
    }

    @Override
    public Cid recordedCode() {
        if (codeCid != null) {
            return codeCid;
        }
        return invokedActor != null && invokedActor.state() != null ? invokedActor.state().code() : null;
    }

    @Override
    public long method() {
        return msg.method();
    }

    @Override
    public byte[] params() {
        return msg.params();
    }

    @Override
    public byte[] returnValue() {
        return receipt == null ? null : receipt.returnValue();
    }

    @Override
    public long exitCode() {
        return receipt == null ? -1 : receipt.exitCode();
    }

    /** The actor ID of the receiver, when the trace prints an ID address or records the invoked actor. */
    @Override
    public OptionalLong toId() {
        OptionalLong id = idOf(msg.to());
        return id.isPresent() || invokedActor == null ? id : OptionalLong.of(invokedActor.id());
    }

    /** The actor ID of the caller, when the trace prints it as an ID address (always from Lotus 1.23 on). */
    @Override
    public OptionalLong fromId() {
        return idOf(msg.from());
    }

    /** Number of nested calls at any depth below this one (this call not counted). */
    public int descendantCount() {
        int n = 0;
        for (Call c : subcalls) {
            n += 1 + c.descendantCount();
        }
        return n;
    }

    /** Visits this call and then its sub-calls depth first, in execution order. */
    public void forEachPreOrder(Consumer<Call> visitor) {
        visitor.accept(this);
        for (Call c : subcalls) {
            c.forEachPreOrder(visitor);
        }
    }

    /** This call followed by every nested call, in execution (pre-)order. */
    public List<Call> preOrder() {
        List<Call> out = new ArrayList<>(1 + descendantCount());
        forEachPreOrder(out::add);
        return out;
    }

    /** The actor ID in an {@code f0…}/{@code t0…} address string, else empty. */
    public static OptionalLong idOf(String address) {
        if (address == null || address.length() < 3 || address.charAt(1) != '0') {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(address, 2, address.length(), 10));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
