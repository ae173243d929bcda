package codec.actors;

import codec.cid.Cid;
import java.util.List;
import java.util.OptionalLong;

/**
 * What decoding needs to know of one invocation of an actor: implemented by the trace model
 * ({@code trace.Call}), so {@code codec} depends on nothing outside itself.
 */
public interface ActorCall {

    /** Lotus before 1.23 does not record the params/return codec. */
    int CODEC_UNRECORDED = -1;

    /** The invoked actor's code CID when the trace recorded it, else null. */
    Cid recordedCode();

    /** The receiver's actor ID, when known. */
    OptionalLong toId();

    /** The caller's actor ID, when known. */
    OptionalLong fromId();

    long method();

    byte[] params();

    /** The return value, or null without a receipt. */
    byte[] returnValue();

    /** The exit code, or -1 without a receipt. */
    long exitCode();

    /** The IPLD codec of the params (0x51 DAG-CBOR, 0x55 raw, 0 none), or {@link #CODEC_UNRECORDED}. */
    int paramsCodec();

    /** The IPLD codec of the return value, same convention. */
    int returnCodec();

    /** The calls this one made, in execution order. */
    List<? extends ActorCall> subcalls();
}
