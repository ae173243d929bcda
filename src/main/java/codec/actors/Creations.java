package codec.actors;

import codec.address.Address;
import codec.address.Network;
import codec.cbor.Cbor;
import codec.cbor.CborDecodingException;
import codec.cbor.DagCborJson;
import codec.cid.Cid;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Recognises actor creations: EAM Create(2)/CreateExternal, whose return is
 * {@code [ActorID, RobustAddress, EthAddress]}, and Init Exec/Exec4, whose return is
 * {@code [IDAddress, RobustAddress]} and whose params carry the code CID. Failed calls and
 * returns of another shape are not creations. Addresses are printed with the given network's
 * prefix ('f' by default, as Lotus traces print them); Ethereum addresses in lower case.
 */
public final class Creations {
    private static final long EAM_CREATE = 2;
    private static final long EAM_CREATE2 = 3;
    private static final long EAM_CREATE_EXTERNAL = 4;
    private static final long INIT_EXEC = 2;
    private static final long INIT_EXEC4 = 3;
    private static final int ETH_LENGTH = 20;

    private Creations() {
    }

    /** The creation a traced call performed, at whatever depth of its tree it sits ('f' prefix). */
    public static Optional<Creation> read(ActorCall call) {
        return read(call, Network.MAINNET);
    }

    /**
     * The creation a traced call performed. For an EAM call the code CID comes from its Init
     * Exec4 sub-call, which carries it in its params.
     */
    public static Optional<Creation> read(ActorCall call, Network network) {
        ActorType type = CallDecoder.standard().actorType(call).orElse(null);
        if (type != ActorType.EAM && type != ActorType.INIT) {
            return Optional.empty();
        }
        Optional<Creation> c = read(type, call.method(), call.fromId().orElse(-1), call.params(), call.returnValue(),
                call.exitCode(), network);
        if (c.isEmpty() || type != ActorType.EAM) {
            return c;
        }
        Creation eam = c.get();
        Cid code = call.subcalls().stream().map(sub -> read(sub, network)).flatMap(Optional::stream)
                .filter(sub -> sub.actorId() == eam.actorId()).map(Creation::codeCid).findFirst().orElse(null);
        return Optional.of(new Creation(eam.actorId(), eam.robust(), eam.delegated(), eam.eth(), code, eam.initcode(),
                eam.method()));
    }

    /** Every creation in a call tree, in execution order (an EVM deployment shows as EAM and Init calls). */
    public static List<Creation> all(ActorCall root, Network network) {
        List<Creation> out = new ArrayList<>();
        collect(root, network, out);
        return out;
    }

    private static void collect(ActorCall call, Network network, List<Creation> out) {
        read(call, network).ifPresent(out::add);
        for (ActorCall sub : call.subcalls()) {
            collect(sub, network, out);
        }
    }

    public static Optional<Creation> read(ActorType callee, long method, long callerId, byte[] params, byte[] ret,
            long exitCode) {
        return read(callee, method, callerId, params, ret, exitCode, Network.MAINNET);
    }

    /**
     * @param callee   the called actor's type (EAM or Init for a creation)
     * @param callerId the caller's actor ID, or -1 if unknown (Exec4 puts the new f4 address in the caller's namespace)
     */
    public static Optional<Creation> read(ActorType callee, long method, long callerId, byte[] params, byte[] ret,
            long exitCode, Network network) {
        if (exitCode != 0 || ret == null || ret.length == 0) {
            return Optional.empty();
        }
        try {
            if (callee == ActorType.EAM && method >= EAM_CREATE && method <= EAM_CREATE_EXTERNAL) {
                return eam(method, params, ret, network);
            }
            if (callee == ActorType.INIT && (method == INIT_EXEC || method == INIT_EXEC4)) {
                return init(method, callerId, params, ret, network);
            }
        } catch (CborDecodingException | SchemaMismatch | IllegalArgumentException | IndexOutOfBoundsException e) {
            // a malformed return is a failed recognition, not a creation
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Creation> eam(long method, byte[] params, byte[] ret, Network network) {
        List<Cbor> r = tuple(DagCborJson.parse(ret), 3);
        long id = uint(r.get(0));
        String robust = r.get(1) == Cbor.Null.INSTANCE ? null : Shape.address(bytes(r.get(1))).toString(network);
        byte[] eth = bytes(r.get(2));
        if (eth.length != ETH_LENGTH) {
            throw new SchemaMismatch("EthAddress is " + eth.length + " bytes");
        }
        String name = method == EAM_CREATE ? "Create" : method == EAM_CREATE2 ? "Create2" : "CreateExternal";
        return Optional.of(new Creation(id, robust, Address.delegated(Address.EAM_NAMESPACE, eth).toString(network),
                "0x" + HexFormat.of().formatHex(eth), null, eamInitcode(method, params), name));
    }

    private static byte[] eamInitcode(long method, byte[] params) {
        if (params == null || params.length == 0) {
            return null;
        }
        Cbor p = DagCborJson.parse(params);
        return method == EAM_CREATE_EXTERNAL ? bytes(p) : bytes(tuple(p, 2).get(0));
    }

    private static Optional<Creation> init(long method, long callerId, byte[] params, byte[] ret, Network network) {
        List<Cbor> r = tuple(DagCborJson.parse(ret), 2);
        Address id = Shape.address(bytes(r.get(0)));
        String robust = Shape.address(bytes(r.get(1))).toString(network);
        Cid code = null;
        byte[] initcode = null;
        String delegated = null;
        String eth = null;
        if (params != null && params.length > 0) {
            List<Cbor> p = tuple(DagCborJson.parse(params), method == INIT_EXEC ? 2 : 3);
            code = ((Cbor.Link) p.get(0)).cid();
            initcode = evmInitcode(code, bytes(p.get(1)));
            if (method == INIT_EXEC4 && callerId >= 0) {
                Address f4 = Address.delegated(callerId, bytes(p.get(2)));
                delegated = f4.toString(network);
                eth = f4.hasEthForm() ? "0x" + HexFormat.of().formatHex(f4.subaddress()) : null;
            }
        }
        return Optional.of(new Creation(id.actorId(), robust, delegated, eth, code, initcode,
                method == INIT_EXEC ? "Exec" : "Exec4"));
    }

    /** An EVM actor's constructor params are {@code [Creator, Initcode]}. */
    private static byte[] evmInitcode(Cid code, byte[] ctorParams) {
        if (BuiltinActors.standard().actorType(code).orElse(null) != ActorType.EVM || ctorParams.length == 0) {
            return null;
        }
        return bytes(tuple(DagCborJson.parse(ctorParams), 2).get(1));
    }

    private static List<Cbor> tuple(Cbor v, int size) {
        if (v instanceof Cbor.Array a && a.items().size() == size) {
            return a.items();
        }
        throw new SchemaMismatch("expected a " + size + "-tuple, found a " + v.kind());
    }

    private static long uint(Cbor v) {
        if (v instanceof Cbor.Int i && i.value() >= 0) {
            return i.value();
        }
        throw new SchemaMismatch("expected an actor ID, found a " + v.kind());
    }

    private static byte[] bytes(Cbor v) {
        if (v instanceof Cbor.Bytes b) {
            return b.value();
        }
        throw new SchemaMismatch("expected bytes, found a " + v.kind());
    }
}
