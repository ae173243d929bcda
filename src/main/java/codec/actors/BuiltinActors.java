package codec.actors;

import codec.cid.Cid;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Builtin actor code CIDs: which actor type and actors version a code CID belongs to, and which
 * actors version a network version runs. v8+ CIDs come from the bundled
 * {@code builtin-actors.yaml} (mainnet and calibnet); v0–v7 code CIDs are the identity CIDs of
 * "fil/&lt;v&gt;/&lt;name&gt;" and are computed.
 */
public final class BuiltinActors {
    /**
     * One code CID's meaning. {@code network} is null for code every network shares (v0–v7, the
     * placeholder actor); {@code actorsVersion} is then the first version that shipped it.
     */
    public record CodeInfo(ActorType type, int actorsVersion, String network) {
    }

    private static final String RESOURCE = "/codec/actors/builtin-actors.yaml";
    private static final String[] LEGACY_NAMES = {"system", "init", "cron", "account", "storagepower",
        "storageminer", "storagemarket", "paymentchannel", "multisig", "reward", "verifiedregistry"};
    private static final BuiltinActors STANDARD = load();

    private final Map<Cid, CodeInfo> byCode;
    private final Map<String, Map<Integer, Map<ActorType, Cid>>> byNetwork;

    private BuiltinActors(Map<Cid, CodeInfo> byCode, Map<String, Map<Integer, Map<ActorType, Cid>>> byNetwork) {
        this.byCode = byCode;
        this.byNetwork = byNetwork;
    }

    public static BuiltinActors standard() {
        return STANDARD;
    }

    public Optional<CodeInfo> lookup(Cid code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public Optional<ActorType> actorType(Cid code) {
        return lookup(code).map(CodeInfo::type);
    }

    /** The code CID of {@code type} in actors version {@code version} on "mainnet" or "calibnet". */
    public Optional<Cid> codeCid(String network, int version, ActorType type) {
        if (version <= 7) {
            return Optional.of(legacyCid(version, type.manifestName()));
        }
        return Optional.ofNullable(byNetwork.getOrDefault(network, Map.of()).getOrDefault(version, Map.of()).get(type));
    }

    /** The actors version a network version runs (Lotus's actors.VersionForNetwork). */
    public static int actorsVersion(int networkVersion) {
        if (networkVersion < 0) {
            throw new IllegalArgumentException("network version must not be negative: " + networkVersion);
        }
        int[] table = {0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11, 11, 12, 13, 14, 15, 16, 16, 17, 18};
        if (networkVersion >= table.length) {
            throw new IllegalArgumentException("unknown network version " + networkVersion + " (known up to "
                    + (table.length - 1) + ")");
        }
        return table[networkVersion];
    }

    /** Code shared by several bundles (the placeholder actor): lowest version, network only if one. */
    private static CodeInfo shared(CodeInfo a, CodeInfo b) {
        return new CodeInfo(a.type(), Math.min(a.actorsVersion(), b.actorsVersion()),
                java.util.Objects.equals(a.network(), b.network()) ? a.network() : null);
    }

    /** v0 actors use "fil/1/…"; v2–v7 use "fil/&lt;v&gt;/…". */
    private static Cid legacyCid(int version, String name) {
        String text = "fil/" + (version == 0 ? 1 : version) + "/" + name;
        return Cid.v1(Cid.RAW, Cid.IDENTITY, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static BuiltinActors load() {
        JsonNode root;
        try (InputStream in = BuiltinActors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        Map<Cid, CodeInfo> byCode = new HashMap<>();
        Map<String, Map<Integer, Map<ActorType, Cid>>> byNetwork = new HashMap<>();
        for (int v : new int[] {0, 2, 3, 4, 5, 6, 7}) {
            for (String name : LEGACY_NAMES) {
                ActorType t = ActorType.ofManifestName(name).orElseThrow();
                byCode.put(legacyCid(v, name), new CodeInfo(t, v, null));
            }
        }
        readSection(root.path("superseded"), byCode, new HashMap<>());
        readSection(root.path("networks"), byCode, byNetwork);
        root.path("extra").forEach(e -> byCode.put(Cid.parse(e.path("cid").asText()), new CodeInfo(
                ActorType.ofManifestName(e.path("actor").asText()).orElseThrow(), e.path("version").asInt(),
                e.path("network").asText())));
        root.path("sameAs").fields().forEachRemaining(net -> net.getValue().fields().forEachRemaining(alias -> {
            Map<Integer, Map<ActorType, Cid>> versions = byNetwork.get(net.getKey());
            versions.put(Integer.parseInt(alias.getKey()), versions.get(alias.getValue().asInt()));
        }));
        return new BuiltinActors(Map.copyOf(byCode), byNetwork);
    }

    private static void readSection(JsonNode section, Map<Cid, CodeInfo> byCode,
            Map<String, Map<Integer, Map<ActorType, Cid>>> byNetwork) {
        for (Iterator<Map.Entry<String, JsonNode>> nets = section.fields(); nets.hasNext();) {
            Map.Entry<String, JsonNode> net = nets.next();
            for (Iterator<Map.Entry<String, JsonNode>> vs = net.getValue().fields(); vs.hasNext();) {
                Map.Entry<String, JsonNode> v = vs.next();
                int version = Integer.parseInt(v.getKey());
                Map<ActorType, Cid> actors = new HashMap<>();
                v.getValue().fields().forEachRemaining(a -> {
                    ActorType t = ActorType.ofManifestName(a.getKey())
                            .orElseThrow(() -> new IllegalStateException("unknown actor " + a.getKey() + " in " + RESOURCE));
                    Cid cid = Cid.parse(a.getValue().asText());
                    actors.put(t, cid);
                    byCode.merge(cid, new CodeInfo(t, version, net.getKey()), BuiltinActors::shared);
                });
                byNetwork.computeIfAbsent(net.getKey(), k -> new HashMap<>()).put(version, actors);
            }
        }
    }
}
