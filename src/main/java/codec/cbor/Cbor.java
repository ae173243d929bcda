package codec.cbor;

import codec.cid.Cid;
import java.math.BigInteger;
import java.util.List;

/**
 * One decoded DAG-CBOR value. Kept as a small tree (rather than going straight to JSON) so
 * named decoders can see raw byte strings — addresses and Filecoin big integers are byte
 * strings that only a schema can tell apart.
 */
public sealed interface Cbor {

    /** An integer that fits a signed 64-bit long. */
    record Int(long value) implements Cbor {
    }

    /** An integer outside the long range (CBOR allows -2^64 .. 2^64-1). */
    record BigInt(BigInteger value) implements Cbor {
    }

    record Bytes(byte[] value) implements Cbor {
    }

    record Text(String value) implements Cbor {
    }

    record Array(List<Cbor> items) implements Cbor {
    }

    /** DAG-CBOR maps have string keys only; insertion order is the encoded order. */
    record Map(java.util.Map<String, Cbor> entries) implements Cbor {
    }

    /** Tag 42: an IPLD link. */
    record Link(Cid cid) implements Cbor {
    }

    record Bool(boolean value) implements Cbor {
    }

    record Float(double value) implements Cbor {
    }

    /** CBOR null (and undefined, which DAG-CBOR forbids but some encoders emit). */
    enum Null implements Cbor {
        INSTANCE
    }

    /** The kind name used in error messages. */
    default String kind() {
        if (this instanceof Int || this instanceof BigInt) {
            return "integer";
        }
        if (this instanceof Bytes) {
            return "byte string";
        }
        if (this instanceof Text) {
            return "text string";
        }
        if (this instanceof Array) {
            return "array";
        }
        if (this instanceof Map) {
            return "map";
        }
        if (this instanceof Link) {
            return "CID";
        }
        if (this instanceof Bool) {
            return "boolean";
        }
        return this instanceof Float ? "float" : "null";
    }
}
