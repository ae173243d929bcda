package lotus;

import codec.cid.Cid;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;

/** An unsigned Filecoin message as Lotus prints it; {@code cid} is Lotus's {@code CID} field (may be null). */
public record Message(
        @JsonProperty("Version") int version,
        @JsonProperty("To") String to,
        @JsonProperty("From") String from,
        @JsonProperty("Nonce") long nonce,
        @JsonProperty("Value") BigInteger value,
        @JsonProperty("GasLimit") long gasLimit,
        @JsonProperty("GasFeeCap") BigInteger gasFeeCap,
        @JsonProperty("GasPremium") BigInteger gasPremium,
        @JsonProperty("Method") long method,
        @JsonProperty("Params") byte[] params,
        @JsonProperty("CID") Cid cid) {
}
