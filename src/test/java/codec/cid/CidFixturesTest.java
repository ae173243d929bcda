package codec.cid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import testsupport.Fixtures;

/** Every CID recorded in the fixtures parses and prints back unchanged, in text and as CBOR links. */
class CidFixturesTest {
    private static final Path LOTUS = Fixtures.LOTUS;
    /** CIDs in their JSON form {"/": "…"}, and bare CID strings (e.g. the BlockMessages map keys). */
    private static final Pattern CID_TEXT = Pattern.compile("\"/\"\\s*:\\s*\"([^\"]+)\"|\"(baf[a-z2-7]{50,})\"");
    private static final int CBOR_LINK_TAG = 42;

    static Stream<Path> jsonFiles() throws IOException {
        try (Stream<Path> files = Files.walk(LOTUS)) {
            return files.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".json.gz")).sorted()
                    .toList().stream();
        }
    }

    static Stream<Path> cborFiles() throws IOException {
        try (Stream<Path> files = Files.walk(LOTUS.resolve("actor-cbor"))) {
            return files.filter(p -> p.getFileName().toString().matches("Params|Return")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonFiles")
    void everyCidStringRoundTrips(Path file) throws IOException {
        Set<String> cids = new LinkedHashSet<>();
        Matcher m = CID_TEXT.matcher(text(file));
        while (m.find()) {
            cids.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        for (String text : cids) {
            Cid cid = Cid.parse(text);
            assertThat(cid).hasToString(text);
            assertThat(Cid.fromBytes(cid.toBytes())).isEqualTo(cid);
            assertThat(Cid.fromCborTagBytes(cid.toCborTagBytes())).isEqualTo(cid);
        }
    }

    @Test
    void theFixturesHoldCidsOfEveryKindFilecoinUses() throws IOException {
        Set<Long> codecs = new LinkedHashSet<>();
        for (Path file : jsonFiles().toList()) {
            Matcher m = CID_TEXT.matcher(text(file));
            while (m.find()) {
                Cid cid = Cid.parse(m.group(1) != null ? m.group(1) : m.group(2));
                codecs.add(cid.codec());
                assertThat(cid.multihashCode()).isIn(Cid.BLAKE2B_256, Cid.IDENTITY, Cid.SHA2_256);
            }
        }
        assertThat(codecs).contains(Cid.DAG_CBOR, Cid.RAW); // messages and blocks; actor code
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cborFiles")
    void everyCborLinkRoundTrips(Path file) throws IOException {
        links(file);
    }

    @Test
    void theActorSamplesHoldCborLinks() throws IOException {
        int links = 0;
        for (Path file : cborFiles().toList()) {
            links += links(file);
        }
        assertThat(links).isGreaterThan(10);
    }

    private static int links(Path file) throws IOException {
        int n = 0;
        try (CBORParser p = new CBORFactory().createParser(Files.readAllBytes(file))) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT && p.getCurrentTag() == CBOR_LINK_TAG) {
                    byte[] tagged = p.getBinaryValue();
                    Cid cid = Cid.fromCborTagBytes(tagged);
                    assertThat(cid.toCborTagBytes()).isEqualTo(tagged);
                    assertThat(Cid.parse(cid.toString())).isEqualTo(cid);
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void aCborLinkWithoutTheIdentityPrefixIsRejected() {
        byte[] binary = Cid.parse("bafy2bzacecyyharywkffi5xszhe5dkkorw23as3oezy2gno4yblfcpuysg7a6").toBytes();
        assertThatThrownBy(() -> Cid.fromCborTagBytes(binary)).isInstanceOf(InvalidCidException.class)
                .hasMessageContaining("0x00");
    }

    private static String text(Path file) throws IOException {
        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file))
                : Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
