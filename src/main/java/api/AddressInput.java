package api;

import codec.address.Address;
import codec.address.AddressException;
import codec.address.Network;

/**
 * An address as a client typed it, in any form (ID, robust, f410, 0x; f or t prefix), parsed
 * into the protocol-level address the storage is keyed by.
 *
 * @param network the prefix's network; null for a 0x input, which carries none
 */
public record AddressInput(String input, Address address, Network network) {
    private static final int MAX_LENGTH = 120;

    /** Parses {@code raw}, throwing {@link AddressException} with the reason it is not an address. */
    public static AddressInput parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new AddressException(AddressException.Kind.INVALID_LENGTH, "address is empty");
        }
        String text = raw.trim();
        if (text.length() > MAX_LENGTH) {
            throw new AddressException(AddressException.Kind.INVALID_LENGTH,
                    "address is " + text.length() + " characters, longer than any Filecoin or Ethereum address");
        }
        if (text.startsWith("0x") || text.startsWith("0X")) {
            return new AddressInput(text, Address.fromEth(text), null);
        }
        return new AddressInput(text, Address.parse(text), Address.networkOf(text));
    }

    /** Like {@link #parse} for an endpoint parameter: an invalid address is a 400. */
    public static AddressInput require(String name, String raw) {
        RequestParams.required(name, raw);
        try {
            return parse(raw);
        } catch (AddressException e) {
            throw ApiException.badRequest("INVALID_ADDRESS",
                    name + " '" + RequestParams.shorten(raw.trim()) + "' is not a valid address: " + e.getMessage());
        }
    }

    /** The form the index stores: f-prefixed. */
    public String canonical() {
        return address.toString();
    }

    public boolean isId() {
        return address.protocol() == Address.ID;
    }
}
