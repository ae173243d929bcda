package pipeline;

import codec.address.Address;
import java.util.OptionalLong;

/** Address strings as stored: the mainnet 'f' prefix whatever the network, Ethereum forms in lowercase. */
public final class Addresses {
    private Addresses() {
    }

    /** {@code t…} → {@code f…}; the checksum does not cover the prefix, so the form stays valid. */
    public static String canonical(String address) {
        if (address == null || address.isEmpty()) {
            return address;
        }
        if (address.startsWith("0x") || address.startsWith("0X")) {
            return address.toLowerCase(java.util.Locale.ROOT);
        }
        return address.charAt(0) == 't' ? 'f' + address.substring(1) : address;
    }

    /** The actor ID of an ID address ({@code f0…}/{@code t0…}), else empty. */
    public static OptionalLong idOf(String address) {
        return trace.Call.idOf(address);
    }

    public static String idAddress(long id) {
        return "f0" + Long.toUnsignedString(id);
    }

    /** The 0x form of a delegated f410 address, or null for any other address. */
    public static String ethOfDelegated(String address) {
        if (address == null || !address.startsWith("f410") && !address.startsWith("t410")) {
            return null;
        }
        try {
            Address a = Address.parse(canonical(address));
            return a.hasEthForm() ? a.toEth().toLowerCase(java.util.Locale.ROOT) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The f410 form of a 0x address of an EVM-style actor, or null when it is a masked ID address. */
    public static String delegatedOfEth(String eth) {
        try {
            Address a = Address.fromEth(eth);
            return a.protocol() == Address.DELEGATED ? canonical(a.toString()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The actor ID behind a masked-ID Ethereum address ({@code 0xff00…<id>}), else empty. */
    public static OptionalLong idOfEth(String eth) {
        try {
            Address a = Address.fromEth(eth);
            return a.protocol() == Address.ID ? OptionalLong.of(a.actorId()) : OptionalLong.empty();
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
