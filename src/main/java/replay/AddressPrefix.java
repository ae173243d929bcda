package replay;

import codec.address.Address;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Re-prints the Filecoin addresses of recorded JSON with another network prefix, in place: the
 * prefix is one ASCII byte, so the text keeps its length and every offset stays valid.
 * Only string values of address fields that parse as addresses are touched, never base64 bytes.
 */
final class AddressPrefix {
    private static final Set<String> ADDRESS_FIELDS = Set.of("From", "To", "Miner", "BlockMiner", "emitter", "Address",
            "DelegatedAddress");
    private static final JsonFactory JSON = new JsonFactory();

    private AddressPrefix() {
    }

    /** Rewrites every {@code f}-prefixed address value in {@code json} to {@code prefix}; returns the same array. */
    static byte[] rewrite(byte[] json, char prefix) {
        if (prefix == 'f') {
            return json;
        }
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                // strings inside arrays (e.g. EVM log topics) have no field name; Set.of rejects null
                if (t == JsonToken.VALUE_STRING && p.currentName() != null && ADDRESS_FIELDS.contains(p.currentName())) {
                    int at = (int) p.currentTokenLocation().getByteOffset();
                    if (json[at] == '"' && json[at + 1] == 'f' && isAddress(p.getText())) {
                        json[at + 1] = (byte) prefix;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("malformed recorded JSON", e);
        }
        return json;
    }

    /** Re-prints one address string with {@code prefix} (any input prefix). */
    static String print(String address, char prefix) {
        return address.isEmpty() ? address : prefix + address.substring(1);
    }

    /** The canonical ('f') form of an address string given with either prefix. */
    static String canonical(String address) {
        return print(address, 'f');
    }

    private static boolean isAddress(String text) {
        try {
            Address.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
