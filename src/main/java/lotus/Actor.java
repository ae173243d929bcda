package lotus;

import codec.cid.Cid;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;

/** {@code StateGetActor}: code, state head, nonce, balance in attoFIL and the f4 address if any. */
public record Actor(
        @JsonProperty("Code") Cid code,
        @JsonProperty("Head") Cid head,
        @JsonProperty("Nonce") long nonce,
        @JsonProperty("Balance") BigInteger balance,
        @JsonProperty("DelegatedAddress") String delegatedAddress) {
}
