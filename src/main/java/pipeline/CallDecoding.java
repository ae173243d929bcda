package pipeline;

import codec.actors.ActorType;
import codec.actors.CallDecoder;
import codec.actors.DecodedValue;
import codec.cid.Cid;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The pipeline's use of {@code codec.actors}: actor type, method name and decoded params/return of
 * a call. Decoding is best effort: bytes that do not decode are still stored raw, never fail a height.
 */
final class CallDecoding {
    private final CallDecoder decoder;
    private final ActorCache book;

    CallDecoding(CallDecoder decoder, ActorCache book) {
        this.decoder = decoder;
        this.book = book;
    }

    /**
     * The callee's type: from its code CID (traces of Lotus 1.25+), else the singleton IDs (f01 init,
     * f010 EAM, …), else the code the node reports for the actor (cached).
     */
    ActorType actorType(Cid code, OptionalLong toId) {
        if (code != null) {
            toId.ifPresent(id -> book.learnCode(id, code));
            Optional<ActorType> byCode = decoder.actorType(code);
            if (byCode.isPresent()) {
                return byCode.get();
            }
        }
        if (toId.isEmpty()) {
            return null;
        }
        Optional<ActorType> singleton = ActorType.ofSingletonId(toId.getAsLong());
        if (singleton.isPresent()) {
            return singleton.get();
        }
        Cid known = book.code(toId.getAsLong());
        return known == null ? null : decoder.actorType(known).orElse(null);
    }

    static String typeName(ActorType type) {
        return type == null ? "" : type.manifestName();
    }

    String methodName(ActorType type, long method) {
        try {
            return decoder.methodName(type, method).orElse("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    String params(ActorType type, long method, byte[] params) {
        if (params == null || params.length == 0) {
            return "";
        }
        try {
            return json(decoder.params(type, method, params));
        } catch (RuntimeException e) {
            return "";
        }
    }

    String returnValue(ActorType type, long method, byte[] value) {
        if (value == null || value.length == 0) {
            return "";
        }
        try {
            return json(decoder.returnValue(type, method, value));
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** A creation made by {@code call} (EAM Create*, Init Exec*), if it is one and succeeded. */
    java.util.Optional<codec.actors.Creation> creation(trace.Call call) {
        ActorType callee = actorType(call.codeCid(), call.toId());
        if (callee != ActorType.EAM && callee != ActorType.INIT) {
            return java.util.Optional.empty();
        }
        return codec.actors.Creations.read(callee, call.msg().method(), call.fromId().orElse(-1),
                call.msg().params(), call.receipt().returnValue(), call.receipt().exitCode());
    }

    private static String json(DecodedValue v) {
        return v == null || v.json() == null ? "" : v.json().toString();
    }

    static String base64(byte[] bytes) {
        return bytes == null ? "" : Base64.getEncoder().encodeToString(bytes);
    }
}
