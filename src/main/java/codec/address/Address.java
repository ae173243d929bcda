package codec.address;

import codec.Base32Lower;
import codec.Blake2b;
import codec.Uvarint;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A Filecoin address: protocol 0 (ID), 1 (secp256k1), 2 (actor), 3 (BLS) or 4 (delegated),
 * held as protocol byte plus payload, independent of the network prefix it is printed with.
 */
public final class Address {
    public static final int ID = 0;
    public static final int SECP256K1 = 1;
    public static final int ACTOR = 2;
    public static final int BLS = 3;
    public static final int DELEGATED = 4;

    /** The Ethereum Address Manager's namespace: f410… addresses carry an Ethereum address. */
    public static final long EAM_NAMESPACE = 10;

    private static final int HASH_PAYLOAD = 20;
    private static final int BLS_PAYLOAD = 48;
    private static final int MAX_SUBADDRESS = 54;
    private static final int CHECKSUM = 4;
    private static final int ETH_LENGTH = 20;
    private static final HexFormat HEX = HexFormat.of();

    private final int protocol;
    private final byte[] payload;

    private Address(int protocol, byte[] payload) {
        this.protocol = protocol;
        this.payload = payload;
    }

    public static Address id(long id) {
        if (id < 0) {
            throw new AddressException(AddressException.Kind.INVALID_PAYLOAD, "actor ID must not be negative");
        }
        return new Address(ID, Uvarint.encode(id));
    }

    /** The secp256k1 address of an (uncompressed, 65-byte) public key: BLAKE2b-160 of the key. */
    public static Address secp256k1(byte[] publicKey) {
        return new Address(SECP256K1, Blake2b.hash(publicKey, HASH_PAYLOAD));
    }

    /** The actor address derived from {@code seed} (the creator's address and nonce): BLAKE2b-160 of it. */
    public static Address actor(byte[] seed) {
        return new Address(ACTOR, Blake2b.hash(seed, HASH_PAYLOAD));
    }

    /** The BLS address of a 48-byte public key: the key itself. */
    public static Address bls(byte[] publicKey) {
        requireLength(publicKey, BLS_PAYLOAD);
        return new Address(BLS, publicKey.clone());
    }

    public static Address delegated(long namespace, byte[] subaddress) {
        if (subaddress.length > MAX_SUBADDRESS) {
            throw new AddressException(AddressException.Kind.INVALID_LENGTH,
                    "delegated subaddress is " + subaddress.length + " bytes, at most " + MAX_SUBADDRESS + " allowed");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Uvarint.write(out, namespace);
        out.writeBytes(subaddress);
        return new Address(DELEGATED, out.toByteArray());
    }

    /** Parses an address string with either network prefix. */
    public static Address parse(String text) {
        if (text == null || text.length() < 3) {
            throw new AddressException(AddressException.Kind.INVALID_LENGTH,
                    "address is too short: a network prefix, a protocol digit and a payload are needed");
        }
        Network.ofPrefix(text.charAt(0));
        char p = text.charAt(1);
        String rest = text.substring(2);
        return switch (p) {
            case '0' -> parseId(rest);
            case '1', '2', '3' -> parseHashed(p - '0', rest);
            case '4' -> parseDelegated(rest);
            default -> throw new AddressException(AddressException.Kind.UNKNOWN_PROTOCOL,
                    "unknown address protocol '" + p + "' after the network prefix (expected 0 ID, 1 secp256k1, "
                            + "2 actor, 3 BLS or 4 delegated)");
        };
    }

    /** The network whose prefix {@code text} starts with. */
    public static Network networkOf(String text) {
        if (text == null || text.isEmpty()) {
            throw new AddressException(AddressException.Kind.INVALID_LENGTH, "address is empty");
        }
        return Network.ofPrefix(text.charAt(0));
    }

    /** Reads the binary form: protocol byte followed by the payload. */
    public static Address fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length < 2) {
            throw new AddressException(AddressException.Kind.INVALID_LENGTH, "address bytes are too short");
        }
        int protocol = bytes[0] & 0xFF;
        byte[] payload = Arrays.copyOfRange(bytes, 1, bytes.length);
        switch (protocol) {
            case ID -> {
                Uvarint.Read r = readVarint(payload, 0);
                if (r.next() != payload.length) {
                    throw new AddressException(AddressException.Kind.INVALID_PAYLOAD, "trailing bytes after the actor ID");
                }
            }
            case SECP256K1, ACTOR -> requireLength(payload, HASH_PAYLOAD);
            case BLS -> requireLength(payload, BLS_PAYLOAD);
            case DELEGATED -> {
                Uvarint.Read r = readVarint(payload, 0);
                if (payload.length - r.next() > MAX_SUBADDRESS) {
                    throw new AddressException(AddressException.Kind.INVALID_LENGTH,
                            "delegated subaddress longer than " + MAX_SUBADDRESS + " bytes");
                }
            }
            default -> throw new AddressException(AddressException.Kind.UNKNOWN_PROTOCOL,
                    "unknown address protocol " + protocol);
        }
        return new Address(protocol, payload);
    }

    /**
     * Reads an Ethereum address: the masked form {@code 0xff0000…<8-byte id>} is an ID address,
     * any other 20 bytes are an f410 delegated address. All-lower or all-upper case hex is accepted
     * as is; mixed case must carry a correct EIP-55 checksum, as wallets and Lotus expect.
     */
    public static Address fromEth(String eth) {
        byte[] b = ethBytes(eth);
        String hex = eth.substring(2);
        if (!hex.equals(hex.toLowerCase(Locale.ROOT)) && !hex.equals(hex.toUpperCase(Locale.ROOT))
                && !eth.substring(2).equals(Eip55.checksummed(b).substring(2))) {
            throw new AddressException(AddressException.Kind.INVALID_CHECKSUM, "Ethereum address " + eth
                    + " mixes upper and lower case but its EIP-55 checksum does not match (expected "
                    + Eip55.checksummed(b) + ")");
        }
        if (isMaskedId(b)) {
            long id = 0;
            for (int i = 12; i < 20; i++) {
                id = (id << 8) | (b[i] & 0xFF);
            }
            return id(id);
        }
        return delegated(EAM_NAMESPACE, b);
    }

    /**
     * Whether {@code text} is a well-formed Ethereum address: 0x and 40 hex digits, all one case or
     * with a correct EIP-55 checksum.
     */
    public static boolean isEthAddress(String text) {
        try {
            fromEth(text);
            return true;
        } catch (AddressException e) {
            return false;
        }
    }

    public int protocol() {
        return protocol;
    }

    public byte[] payload() {
        return payload.clone();
    }

    public byte[] toBytes() {
        byte[] out = new byte[payload.length + 1];
        out[0] = (byte) protocol;
        System.arraycopy(payload, 0, out, 1, payload.length);
        return out;
    }

    /** The actor ID of an ID address. */
    public long actorId() {
        if (protocol != ID) {
            throw new IllegalStateException("not an ID address: " + this);
        }
        return Uvarint.read(payload, 0).value();
    }

    /** The namespace of a delegated address. */
    public long namespace() {
        if (protocol != DELEGATED) {
            throw new IllegalStateException("not a delegated address: " + this);
        }
        return Uvarint.read(payload, 0).value();
    }

    /** The subaddress of a delegated address. */
    public byte[] subaddress() {
        if (protocol != DELEGATED) {
            throw new IllegalStateException("not a delegated address: " + this);
        }
        return Arrays.copyOfRange(payload, Uvarint.read(payload, 0).next(), payload.length);
    }

    /**
     * Whether this address has an Ethereum form: an ID address, or an f410 with a 20-byte subaddress
     * that is not itself an ID mask ({@code 0xff00…}; Lotus rejects such an f410 as "not a valid Eth
     * Address").
     */
    public boolean hasEthForm() {
        if (protocol == ID) {
            return true;
        }
        if (protocol != DELEGATED || namespace() != EAM_NAMESPACE) {
            return false;
        }
        byte[] sub = subaddress();
        return sub.length == ETH_LENGTH && !isMaskedId(sub);
    }

    /** The Ethereum form with its EIP-55 mixed-case checksum, as wallets show it. */
    public String toEthChecksummed() {
        return Eip55.checksummed(HEX.parseHex(toEth().substring(2)));
    }

    /**
     * The Ethereum form in lower case, as Lotus prints it ({@code FilecoinAddressToEthAddress});
     * masked ({@code 0xff00…}) for ID addresses.
     */
    public String toEth() {
        if (protocol == ID) {
            byte[] b = new byte[ETH_LENGTH];
            b[0] = (byte) 0xff;
            long id = actorId();
            for (int i = 19; i >= 12; i--) {
                b[i] = (byte) id;
                id >>>= 8;
            }
            return "0x" + HEX.formatHex(b);
        }
        if (hasEthForm()) {
            return "0x" + HEX.formatHex(subaddress());
        }
        throw new AddressException(AddressException.Kind.NOT_ETH_CONVERTIBLE, protocol == DELEGATED
                && namespace() == EAM_NAMESPACE && subaddress().length == ETH_LENGTH
                ? this + " is a delegated address whose subaddress is an ID mask (0xff00…), not an Ethereum address"
                : "only ID addresses and f410 addresses with a 20-byte subaddress have an Ethereum form; " + this
                        + " is " + protocolName(protocol)
                        + (protocol == DELEGATED ? " in namespace " + namespace() : ""));
    }

    public String toString(Network network) {
        char n = network.prefix();
        return switch (protocol) {
            case ID -> n + "0" + Long.toUnsignedString(actorId());
            case DELEGATED -> {
                Uvarint.Read ns = Uvarint.read(payload, 0);
                byte[] sub = Arrays.copyOfRange(payload, ns.next(), payload.length);
                yield n + "4" + ns.value() + "f" + Base32Lower.encode(concat(sub, checksum()));
            }
            default -> n + Integer.toString(protocol) + Base32Lower.encode(concat(payload, checksum()));
        };
    }

    /** The mainnet ('f') form. */
    @Override
    public String toString() {
        return toString(Network.MAINNET);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && a.protocol == protocol && Arrays.equals(a.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * protocol + Arrays.hashCode(payload);
    }

    /** A readable name of an address protocol, for error messages. */
    public static String protocolName(int protocol) {
        return switch (protocol) {
            case ID -> "an ID address (protocol 0)";
            case SECP256K1 -> "a secp256k1 address (protocol 1)";
            case ACTOR -> "an actor address (protocol 2)";
            case BLS -> "a BLS address (protocol 3)";
            case DELEGATED -> "a delegated address (protocol 4)";
            default -> "protocol " + protocol;
        };
    }

    private byte[] checksum() {
        return Blake2b.hash(toBytes(), CHECKSUM);
    }

    private static Address parseId(String digits) {
        if (digits.isEmpty() || digits.length() > 20 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new AddressException(digits.length() > 20 ? AddressException.Kind.INVALID_LENGTH
                    : AddressException.Kind.INVALID_PAYLOAD, "an ID address is f0 followed by a decimal actor ID");
        }
        BigInteger v = new BigInteger(digits);
        if (v.bitLength() > 63) {
            throw new AddressException(AddressException.Kind.INVALID_PAYLOAD, "actor ID exceeds 2^63-1");
        }
        return id(v.longValue());
    }

    private static Address parseHashed(int protocol, String encoded) {
        byte[] raw = decodeBase32(encoded);
        int expected = protocol == BLS ? BLS_PAYLOAD : HASH_PAYLOAD;
        if (raw.length != expected + CHECKSUM) {
            throw new AddressException(AddressException.Kind.INVALID_LENGTH, "the payload of "
                    + protocolName(protocol) + " is " + expected + " bytes plus a 4-byte checksum, but this one decodes to "
                    + raw.length + " bytes");
        }
        Address a = new Address(protocol, Arrays.copyOf(raw, expected));
        verifyChecksum(a, raw, expected);
        return a;
    }

    private static Address parseDelegated(String rest) {
        int f = rest.indexOf('f');
        if (f <= 0) {
            throw new AddressException(AddressException.Kind.INVALID_PAYLOAD,
                    "a delegated address is f4<namespace>f<base32 subaddress and checksum>");
        }
        String ns = rest.substring(0, f);
        if (ns.length() > 20 || !ns.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new AddressException(AddressException.Kind.INVALID_PAYLOAD, "delegated namespace must be a decimal number");
        }
        BigInteger namespace = new BigInteger(ns);
        if (namespace.bitLength() > 63) {
            throw new AddressException(AddressException.Kind.INVALID_PAYLOAD, "delegated namespace exceeds 2^63-1");
        }
        byte[] raw = decodeBase32(rest.substring(f + 1));
        if (raw.length < CHECKSUM) {
            throw new AddressException(AddressException.Kind.INVALID_LENGTH, "delegated address is missing its checksum");
        }
        int subLen = raw.length - CHECKSUM;
        Address a = delegated(namespace.longValue(), Arrays.copyOf(raw, subLen));
        verifyChecksum(a, raw, subLen);
        return a;
    }

    private static void verifyChecksum(Address a, byte[] raw, int at) {
        if (!Arrays.equals(a.checksum(), Arrays.copyOfRange(raw, at, raw.length))) {
            throw new AddressException(AddressException.Kind.INVALID_CHECKSUM,
                    "address checksum does not match: the address is mistyped or truncated");
        }
    }

    private static byte[] decodeBase32(String s) {
        try {
            return Base32Lower.decode(s);
        } catch (IllegalArgumentException e) {
            boolean alphabetOk = s.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'));
            throw new AddressException(AddressException.Kind.INVALID_ENCODING, alphabetOk
                    ? "the base32 text does not end on a whole byte: the address is probably truncated or mistyped"
                    : "not lower-case base32 (letters a-z and digits 2-7): " + e.getMessage());
        }
    }

    private static Uvarint.Read readVarint(byte[] payload, int at) {
        try {
            return Uvarint.read(payload, at);
        } catch (IllegalArgumentException e) {
            throw new AddressException(AddressException.Kind.INVALID_PAYLOAD, "invalid varint: " + e.getMessage());
        }
    }

    private static void requireLength(byte[] payload, int n) {
        if (payload.length != n) {
            throw new AddressException(AddressException.Kind.INVALID_LENGTH,
                    "payload must be " + n + " bytes, got " + payload.length);
        }
    }

    private static byte[] ethBytes(String eth) {
        if (eth == null || !(eth.startsWith("0x") || eth.startsWith("0X")) || eth.length() != 2 + 2 * ETH_LENGTH) {
            throw new AddressException(AddressException.Kind.INVALID_LENGTH, "an Ethereum address is 0x followed by 40 hex digits"
                    + (eth == null ? "" : ", got " + Math.max(0, eth.length() - 2) + " characters"));
        }
        try {
            return HEX.parseHex(eth.substring(2).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AddressException(AddressException.Kind.INVALID_ENCODING, "Ethereum address is not hexadecimal");
        }
    }

    private static boolean isMaskedId(byte[] b) {
        if ((b[0] & 0xFF) != 0xff) {
            return false;
        }
        for (int i = 1; i < 12; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
