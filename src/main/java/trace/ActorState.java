package trace;

import codec.cid.Cid;
import java.math.BigInteger;

/** An actor's state as Lotus 1.26+ traces record it for the invoked actor; {@code delegatedAddress} may be null. */
public record ActorState(Cid code, Cid head, long nonce, BigInteger balance, String delegatedAddress) {
}
