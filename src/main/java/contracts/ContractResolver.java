package contracts;

import codec.actors.ActorType;
import codec.actors.BuiltinActors;
import codec.actors.Creation;
import codec.address.Address;
import codec.cid.Cid;
import java.time.Clock;
import java.util.Optional;
import lotus.Actor;
import lotus.LotusClient;
import lotus.TipSetKey;
import pipeline.NewContract;

/**
 * Turns a checked creation into the {@code contracts} row: the new actor's forms from the creating
 * call's return (and, for Exec4, its params), its kind and code, the deployer's forms and, for EVM
 * contracts, the bytecode. An Init Exec4 called by the EAM gives no row: the EAM record of the same
 * message describes the same actor, and writing both would let the later one win.
 */
final class ContractResolver {
    static final String EVM = "evm";
    static final String WASM = "wasm";
    static final String NATIVE = "native";

    private final LotusClient lotus;
    private final DeployerResolver deployers;
    private final BytecodeResolver bytecodes;
    private final Clock clock;

    ContractResolver(LotusClient lotus, Clock clock) {
        this.lotus = lotus;
        this.deployers = new DeployerResolver(lotus);
        this.bytecodes = new BytecodeResolver(lotus);
        this.clock = clock;
    }

    Optional<ContractRow> resolve(ParsedCreation c) {
        if (c.isEamsInitCall()) {
            return Optional.empty();
        }
        NewContract p = c.payload();
        Creation created = c.creation();
        TipSetKey at = new TipSetKey(p.tipsetKey().stream().map(Cid::parse).toList());
        Cid code = c.creator() == ActorType.EAM ? evmCode(created.actorId()) : created.codeCid();
        ActorType type = code == null ? (c.creator() == ActorType.EAM ? ActorType.EVM : null)
                : BuiltinActors.standard().actorType(code).orElse(null);
        String kind = type == ActorType.EVM ? EVM : type == null ? WASM : NATIVE;
        Bytecode bytecode = type == ActorType.EVM && created.eth() != null
                ? bytecodes.resolve(created.eth(), p.height(), created.initcode()) : Bytecode.NONE;
        Deployer d = deployers.resolve(c, at);
        return Optional.of(new ContractRow(created.actorId(), nz(created.robust()), nz(created.delegated()),
                nz(created.eth()), kind, code == null ? "" : code.toString(), type == null ? "" : type.manifestName(),
                d.id(), d.robust(), d.delegated(), d.eth(), p.messageCid(), p.height(), String.join(",", p.tipsetKey()),
                p.timestamp(), nz(p.callPath()), p.depth(), created.method(), nz(p.topLevelFrom()), nz(p.topLevelTo()),
                nz(p.network()), bytecode.hex(), bytecode.hash(), bytecode.source(), clock.millis()));
    }

    /**
     * An EAM return names no code CID: the node's current state of the actor does (an EVM actor
     * keeps its code for life). Empty when the node no longer knows the actor.
     */
    private Cid evmCode(long actorId) {
        return LotusAnswers.ifKnown(() -> lotus.stateGetActor(Address.id(actorId), TipSetKey.EMPTY))
                .map(Actor::code).orElse(null);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
