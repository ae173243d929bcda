package codec.actors;

import codec.address.Network;
import codec.cbor.Cbor;
import codec.cbor.CborDecodingException;
import codec.cbor.DagCborJson;
import codec.cid.Cid;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Names and decodes builtin-actor calls: actor type from the code CID, method name from actor type
 * and number, and params/return values — named where {@code schemas.yaml} knows the method,
 * otherwise generic DAG-JSON with {@code named=false}. Never throws on bad bytes: undecodable
 * input gives a {@link DecodedValue} with JSON null and a note.
 */
public final class CallDecoder {
    public static final long METHOD_SEND = 0;
    /** IPLD codecs Lotus reports as ParamsCodec/ReturnCodec: CBOR, DAG-CBOR, raw bytes. */
    public static final long CODEC_CBOR = 0x51;
    public static final long CODEC_DAG_CBOR = 0x71;
    public static final long CODEC_RAW = 0x55;
    /** EVM InvokeContract: FRC-42 number of "InvokeEVM". */
    public static final long INVOKE_EVM = Frc42.methodNumber("InvokeEVM");
    private static final ActorMethods TABLE = ActorMethods.load();
    private static final CallDecoder STANDARD = new CallDecoder(Network.MAINNET);

    private final Network network;

    private CallDecoder(Network network) {
        this.network = network;
    }

    /** Addresses rendered with the mainnet 'f' prefix. */
    public static CallDecoder standard() {
        return STANDARD;
    }

    /** Addresses rendered with {@code network}'s prefix. */
    public static CallDecoder forNetwork(Network network) {
        return new CallDecoder(network);
    }

    public Optional<ActorType> actorType(Cid code) {
        return code == null ? Optional.empty() : BuiltinActors.standard().actorType(code);
    }

    /**
     * The callee's actor type: from the code CID the trace recorded (Lotus 1.25+), else from a
     * singleton ID (f01 Init, f010 EAM, …); empty when neither tells.
     */
    public Optional<ActorType> actorType(ActorCall call) {
        Optional<ActorType> byCode = actorType(call.recordedCode());
        if (byCode.isPresent()) {
            return byCode;
        }
        OptionalLong id = call.toId();
        return id.isPresent() ? ActorType.ofSingletonId(id.getAsLong()) : Optional.empty();
    }

    /** The method name of a traced call. */
    public Optional<String> methodName(ActorCall call) {
        return methodName(actorType(call).orElse(null), call.method());
    }

    /** A traced call's params, with the codec the trace recorded (CBOR when it recorded none). */
    public DecodedValue params(ActorCall call) {
        return params(actorType(call).orElse(null), call.method(), call.params(), codec(call.paramsCodec()));
    }

    /** A traced call's return value, with the codec the trace recorded (CBOR when it recorded none). */
    public DecodedValue returnValue(ActorCall call) {
        return returnValue(actorType(call).orElse(null), call.method(), call.returnValue(), codec(call.returnCodec()));
    }

    private static long codec(int recorded) {
        return recorded == ActorCall.CODEC_UNRECORDED ? CODEC_CBOR : recorded;
    }

    /**
     * "Send" for method 0; with a null type only the methods any actor may receive (such as
     * MarketNotifyDeal) are named; empty when the method is unknown.
     */
    public Optional<String> methodName(ActorType type, long method) {
        if (method == METHOD_SEND) {
            return Optional.of("Send");
        }
        return TABLE.method(type, method).map(ActorMethods.Method::name);
    }

    /** Params encoded as CBOR, the codec of every top-level message. */
    public DecodedValue params(ActorType type, long method, byte[] params) {
        return params(type, method, params, CODEC_CBOR);
    }

    /** Params with the codec a trace reports (EVM-to-EVM calls pass raw calldata, codec 0x55). */
    public DecodedValue params(ActorType type, long method, byte[] params, long codec) {
        return decode(type, method, params, true, codec);
    }

    public DecodedValue returnValue(ActorType type, long method, byte[] ret) {
        return returnValue(type, method, ret, CODEC_CBOR);
    }

    public DecodedValue returnValue(ActorType type, long method, byte[] ret, long codec) {
        return decode(type, method, ret, false, codec);
    }

    private DecodedValue decode(ActorType knownType, long method, byte[] bytes, boolean isParams, long codec) {
        // a callee known only by its f410 address: only EVM actors implement InvokeEVM
        ActorType type = knownType == null && method == INVOKE_EVM ? ActorType.EVM : knownType;
        boolean empty = bytes == null || bytes.length == 0;
        if (method == METHOD_SEND && empty) {
            return new DecodedValue(NullNode.getInstance(), true, null);
        }
        if (!empty && codec != CODEC_CBOR && codec != CODEC_DAG_CBOR) {
            return raw(type, method, bytes, isParams, codec);
        }
        Cbor value = null;
        String trailing = null;
        if (!empty) {
            try {
                DagCborJson.Prefix p = DagCborJson.parseFirst(bytes);
                value = p.value();
                if (p.length() < bytes.length) {
                    trailing = (bytes.length - p.length()) + " trailing bytes after the value ignored";
                }
            } catch (CborDecodingException e) {
                if (isParams && invokesEvm(type, method)) {
                    return raw(type, method, bytes, true, CODEC_RAW);
                }
                return new DecodedValue(NullNode.getInstance(), false, "not DAG-CBOR: " + e.getMessage());
            }
            if (trailing != null && isParams && invokesEvm(type, method)) {
                // traces before Lotus 1.23 omit ParamsCodec; EVM-to-EVM calls pass raw calldata
                return raw(type, method, bytes, true, CODEC_RAW);
            }
        }
        DecodedValue decoded = decodeValue(type, method, value, isParams);
        return trailing == null ? decoded : new DecodedValue(decoded.json(), decoded.named(),
                decoded.note() == null ? trailing : decoded.note() + "; " + trailing);
    }

    private DecodedValue decodeValue(ActorType type, long method, Cbor value, boolean isParams) {
        boolean empty = value == null;
        Optional<ActorMethods.Schema> schema = methodName(type, method).flatMap(name -> TABLE.schema(type, name));
        if (schema.isEmpty()) {
            return generic(value, type == null ? "unknown actor type" : "no schema for " + type.manifestName()
                    + " method " + method);
        }
        List<Shape> shapes = isParams ? schema.get().params() : schema.get().returns();
        if (shapes.isEmpty()) {
            return empty ? new DecodedValue(NullNode.getInstance(), true, null)
                    : generic(value, "schema expects no value, found bytes");
        }
        if (empty) {
            return new DecodedValue(NullNode.getInstance(), false, "schema expects a value, found none");
        }
        String mismatch = null;
        for (Shape shape : shapes) {
            try {
                JsonNode json = shape.render(value, network);
                return new DecodedValue(enrich(type, method, isParams, json), true, null);
            } catch (SchemaMismatch e) {
                mismatch = e.getMessage();
            }
        }
        return generic(value, "does not match the schema: " + mismatch);
    }

    /** Non-CBOR payloads: raw EVM calldata is still named; anything else is shown as bytes. */
    private DecodedValue raw(ActorType type, long method, byte[] bytes, boolean isParams, long codec) {
        String note = "codec 0x" + Long.toHexString(codec) + " payload is not CBOR";
        if (codec == CODEC_RAW && isParams && invokesEvm(type, method)) {
            return new DecodedValue(Shape.calldata(bytes), true, null);
        }
        return new DecodedValue(DagCborJson.bytesNode(bytes), false, note);
    }

    /** InvokeEVM on an EVM actor, or an Ethereum transfer to an EthAccount/Placeholder: calldata. */
    private boolean invokesEvm(ActorType type, long method) {
        return (type == ActorType.EVM || type == ActorType.ETH_ACCOUNT || type == ActorType.PLACEHOLDER) && methodName(type, method).filter(n -> n.startsWith("InvokeContract")).isPresent();
    }

    /** Init Exec/Exec4 carry the new actor's constructor params: decode them with that actor's schema. */
    private JsonNode enrich(ActorType type, long method, boolean isParams, JsonNode json) {
        if (type != ActorType.INIT || !isParams || (method != 2 && method != 3) || !(json instanceof ObjectNode obj)) {
            return json;
        }
        Optional<ActorType> created = actorType(Cid.parse(obj.path("CodeCID").path("/").asText()));
        if (created.isPresent()) {
            byte[] ctor = Base64.getDecoder().decode(obj.path("ConstructorParams").asText());
            DecodedValue inner = params(created.get(), 1, ctor);
            if (inner.named()) {
                obj.put("ActorType", created.get().manifestName());
                obj.set("ConstructorParamsDecoded", inner.json());
            }
        }
        return json;
    }

    private static DecodedValue generic(Cbor value, String note) {
        return new DecodedValue(value == null ? NullNode.getInstance() : DagCborJson.toJson(value), false, note);
    }
}
