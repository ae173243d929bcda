package contracts;

import codec.cid.Cid;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import pipeline.ContractRetraction;

/** Reads a retraction record of {@code new_contract} (docs/PIPELINE.md, "Retractions"). */
final class RetractionParser {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private RetractionParser() {
    }

    /** True for a JSON object with {@code "retracted": true}; anything else is read as a creation. */
    static boolean isRetraction(byte[] value) {
        try {
            JsonNode tree = JSON.readTree(value);
            return tree != null && tree.path("retracted").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    static ContractRetraction parse(byte[] value) {
        ContractRetraction r;
        try {
            r = JSON.readValue(value, ContractRetraction.class);
        } catch (IOException e) {
            throw new MalformedCreationException("not a retraction: " + e.getMessage(), e);
        }
        if (r.messageCid() == null || r.tipsetKey() == null || r.tipsetKey().isEmpty() || r.actorId() <= 0) {
            throw new MalformedCreationException("a retraction needs messageCid, tipsetKey and actorId");
        }
        try {
            Cid.parse(r.messageCid());
            r.tipsetKey().forEach(Cid::parse);
        } catch (RuntimeException e) {
            throw new MalformedCreationException("a retraction's messageCid or tipsetKey is not a CID", e);
        }
        return r;
    }
}
