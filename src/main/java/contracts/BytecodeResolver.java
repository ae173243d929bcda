package contracts;

import java.util.HexFormat;
import lotus.LotusClient;
import org.bouncycastle.jcajce.provider.digest.Keccak;

/**
 * Runtime bytecode from {@code EthGetCode} at the creation height; when the node does not offer it
 * (method missing, not recorded, beyond its lookback) or has no code there, the init code from the
 * creation params, and the row says which.
 */
final class BytecodeResolver {
    private static final HexFormat HEX = HexFormat.of();
    private final LotusClient lotus;

    BytecodeResolver(LotusClient lotus) {
        this.lotus = lotus;
    }

    Bytecode resolve(String eth, long height, byte[] initcode) {
        byte[] runtime = LotusAnswers.ifKnown(() -> lotus.ethGetCode(eth, "0x" + Long.toHexString(height)))
                .orElse(null);
        if (runtime != null && runtime.length > 0) {
            return of(runtime, Bytecode.FROM_NODE);
        }
        if (initcode != null && initcode.length > 0) {
            return of(initcode, Bytecode.FROM_INITCODE);
        }
        return Bytecode.NONE;
    }

    static String keccak256(byte[] code) {
        return "0x" + HEX.formatHex(new Keccak.Digest256().digest(code));
    }

    private static Bytecode of(byte[] code, String source) {
        return new Bytecode("0x" + HEX.formatHex(code), keccak256(code), source);
    }
}
