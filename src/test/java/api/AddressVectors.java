package api;

import com.fasterxml.jackson.databind.JsonNode;
import testsupport.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The recorded address vectors of fixtures/addresses/address-vectors.json. */
final class AddressVectors {
    private static final Path FILE = Fixtures.ADDRESSES.resolve("address-vectors.json");

    record Vector(String string, boolean valid, String eth, String source) {
    }

    private AddressVectors() {
    }

    static List<Vector> all() {
        try {
            List<Vector> out = new ArrayList<>();
            for (JsonNode n : ApiJson.MAPPER.readTree(FILE.toFile())) {
                if (!n.hasNonNull("string")) {
                    continue;
                }
                boolean valid = !n.has("valid") || n.get("valid").asBoolean();
                String eth = n.hasNonNull("eth") && n.get("eth").isTextual() ? n.get("eth").asText() : null;
                out.add(new Vector(n.get("string").asText(), valid, eth, n.path("source").asText()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
