package lotus;

import codec.cid.Cid;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A secp256k1/delegated-signed message; {@code cid} is the signed message's CID. */
public record SignedMessage(
        @JsonProperty("Message") Message message,
        @JsonProperty("Signature") Signature signature,
        @JsonProperty("CID") Cid cid) {

    /** {@code type}: 1 secp256k1, 2 BLS, 3 delegated. */
    public record Signature(@JsonProperty("Type") int type, @JsonProperty("Data") byte[] data) {
    }
}
