package contracts;

import codec.actors.ActorType;
import codec.actors.Creation;
import codec.actors.Creations;
import codec.address.Address;
import codec.address.AddressException;
import codec.cid.Cid;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import pipeline.NewContract;

/**
 * Reads a {@code new_contract} value (docs/PIPELINE.md, "new_contract (Kafka)") and decodes the creation from
 * the call's raw params and return — the payload's own actor fields are checked against it, not
 * trusted. Anything that does not hold together is a {@link MalformedCreationException}.
 */
final class CreationParser {
    private static final Map<String, ActorType> CREATORS = Map.of("EAM", ActorType.EAM, "Init", ActorType.INIT);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** What a creation cannot be read without; the new actor's fields are optional (read from the return). */
    private static final List<String> REQUIRED = List.of("network", "height", "tipsetKey", "messageCid", "depth",
            "actor", "method", "methodNumber", "from", "return", "exitCode");

    private CreationParser() {
    }

    static ParsedCreation parse(byte[] value) {
        NewContract p;
        try {
            JsonNode tree = JSON.readTree(value);
            require(tree != null && tree.isObject(), "not a JSON object");
            for (String field : REQUIRED) {
                require(tree.hasNonNull(field), field + " is missing");
            }
            p = JSON.treeToValue(tree, NewContract.class);
        } catch (IOException e) {
            throw new MalformedCreationException("not a new_contract payload: " + e.getMessage(), e);
        }
        cid(p.messageCid(), "messageCid");
        require(p.height() >= 0, "height is negative");
        require(p.tipsetKey() != null && !p.tipsetKey().isEmpty(), "tipsetKey is missing");
        p.tipsetKey().forEach(c -> cid(c, "tipsetKey"));
        require(p.exitCode() == 0, "exitCode " + p.exitCode() + ": only successful creations are contracts");
        ActorType creator = CREATORS.get(p.actor());
        require(creator != null, "actor must be EAM or Init, is " + p.actor());
        long deployer = idOf(p.from(), "from");
        Creation c = Creations.read(creator, p.methodNumber(), deployer, optionalBase64(p.params(), "params"),
                base64(p.returnValue(), "return"), p.exitCode()).orElseThrow(() -> new MalformedCreationException(
                        p.actor() + " method " + p.methodNumber() + " with this return is not a creation"));
        require(c.method().equals(p.method()), "method " + p.method() + " but method number "
                + p.methodNumber() + " is " + c.method());
        require(p.actorId() == 0 || p.actorId() == c.actorId(), "actorId " + p.actorId()
                + " differs from the return's " + c.actorId());
        return new ParsedCreation(p, creator, c, deployer);
    }

    private static long idOf(String address, String field) {
        require(address != null, field + " is missing");
        try {
            Address a = Address.parse(address);
            require(a.protocol() == Address.ID, field + " must be an ID address, is " + address);
            return a.actorId();
        } catch (AddressException e) {
            throw new MalformedCreationException(field + ": " + e.getMessage(), e);
        }
    }

    private static void cid(String text, String field) {
        try {
            Cid.parse(text);
        } catch (RuntimeException e) {
            throw new MalformedCreationException(field + " is not a CID: " + text, e);
        }
    }

    /** Params may be absent (the init code is then unknown). */
    private static byte[] optionalBase64(String text, String field) {
        return text == null || text.isEmpty() ? null : base64(text, field);
    }

    private static byte[] base64(String text, String field) {
        require(text != null && !text.isEmpty(), field + " is missing");
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedCreationException(field + " is not base64: " + e.getMessage(), e);
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new MalformedCreationException(problem);
        }
    }
}
