package contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contracts.solc.SolcVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.bouncycastle.jcajce.provider.digest.Keccak;
import testsupport.Fixtures;

/**
 * The recorded mainnet EVM deployment at height 3573064 (message bafy2bzacearovcj5…, contract
 * 0xc27a67a6…): OpenZeppelin Contracts 4.6.0's TransparentUpgradeableProxy, compiled by solc
 * 0.8.18 without the optimizer ({@code fixtures/contracts/mainnet-3573064-input.json}).
 * {@link #creationInput()} is the EAM {@code CreateExternal} params of the recorded trace;
 * {@link #constructorArgs()} is built from the recorded logs (Upgraded's implementation,
 * AdminChanged's new admin) and {@code initialize()}'s selector, not from the creation input.
 */
public final class RecordedDeployment {
    public static final long HEIGHT = 3573064L;
    public static final String MESSAGE = "bafy2bzacearovcj5ze6rsjctx2suoasx6dbwvkws2f2uaoiy5qllyv3xitqqi";
    public static final String ADDRESS = "0xc27a67a686f6930710449186e141b8ca2969de79";
    public static final SolcVersion SOLC = SolcVersion.parse("v0.8.18+commit.87f61d96").orElseThrow();
    public static final String FILE = "@openzeppelin/contracts/proxy/transparent/TransparentUpgradeableProxy.sol";
    public static final String NAME = "TransparentUpgradeableProxy";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] creationInput;
    private final String implementation;
    private final String admin;

    private RecordedDeployment(byte[] creationInput, String implementation, String admin) {
        this.creationInput = creationInput;
        this.implementation = implementation;
        this.admin = admin;
    }

    public static RecordedDeployment load() {
        byte[] input = null;
        for (JsonNode t : gz("traces_" + HEIGHT + ".json.gz").get("Trace")) {
            if (MESSAGE.equals(t.at("/MsgCid/~1").asText())) {
                byte[] params = Base64.getDecoder().decode(t.at("/Msg/Params").asText());
                if ((params[0] & 0xFF) != 0x59) {
                    throw new IllegalStateException("expected a CBOR byte string with a 2-byte length");
                }
                int length = ((params[1] & 0xFF) << 8) | (params[2] & 0xFF);
                input = Arrays.copyOfRange(params, 3, 3 + length);
            }
        }
        String implementation = null;
        String admin = null;
        for (JsonNode log : gz("ethlog_" + HEIGHT + ".json.gz")) {
            String topic0 = log.at("/topics/0").asText();
            if (topic0.equals(keccak("Upgraded(address)"))) {
                implementation = log.at("/topics/1").asText().substring(2 + 24);
            } else if (topic0.equals(keccak("AdminChanged(address,address)"))) {
                admin = log.get("data").asText().substring(2 + 64 + 24);
            }
        }
        return new RecordedDeployment(input, implementation, admin);
    }

    public byte[] creationInput() {
        return creationInput.clone();
    }

    /** The implementation's 0x address (from the recorded Upgraded log). */
    public String implementation() {
        return "0x" + implementation;
    }

    /** The admin's 0x address (from the recorded AdminChanged log). */
    public String admin() {
        return "0x" + admin;
    }

    /** ABI encoding of (address _logic, address admin_, bytes _data = initialize()), hex without 0x. */
    public String constructorArgs() {
        return word(implementation) + word(admin) + String.format("%064x", 0x60) + String.format("%064x", 4)
                + keccak("initialize()").substring(2, 10) + "00".repeat(28);
    }

    /** The standard JSON input the contract was compiled from. */
    public static ObjectNode standardJson() {
        try (InputStream in = Files.newInputStream(Fixtures.ROOT.resolve("contracts/mainnet-3573064-input.json"))) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Forgets a verification of the contract left in the shared PostgreSQL by another test class of
     * the same JVM (several classes verify this one recorded contract, each with its own source).
     */
    public static void forgetVerification() {
        try (var c = testsupport.SharedEngines.postgres().getConnection();
             var ps = c.prepareStatement("DELETE FROM verified_contracts WHERE address = ?")) {
            ps.setString(1, ADDRESS);
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String keccak(String signature) {
        return "0x" + HEX.formatHex(new Keccak.Digest256().digest(signature.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String word(String address) {
        return "00".repeat(12) + address;
    }

    private static JsonNode gz(String file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Fixtures.MAINNET.resolve(file)))) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
