package trace;

import static org.assertj.core.api.Assertions.assertThat;

import codec.cid.Cid;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded trace file, read with {@link TraceReader}, against an independent walk of the
 * raw JSON with Jackson's tree model, and against the counts in fixtures/README.md.
 */
class TraceReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TraceReader reader = new TraceReader();

    static Stream<Arguments> traceFiles() {
        return TraceFixtures.all().stream()
                .map(p -> Arguments.of(TraceFixtures.network(p) + "/" + TraceFixtures.height(p), p));
    }

    /** The table in fixtures/README.md: network, height, blocks, messages in blocks, executed, sub-calls. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "calibnet, 14107, 2, 1, 4, 11", "calibnet, 38895, 1, 2, 4, 12", "calibnet, 38940, 4, 2, 7, 18",
        "calibnet, 47635, 5, 2, 8, 16", "calibnet, 78689, 4, 2, 7, 21", "calibnet, 197673, 3, 1, 5, 13",
        "calibnet, 845259, 4, 5, 10, 16", "calibnet, 1162295, 4, 3, 8, 36", "calibnet, 1256171, 2, 1, 4, 9",
        "calibnet, 1352134, 1, 2, 4, 23", "calibnet, 1419335, 2, 2, 5, 30", "calibnet, 1467665, 1, 1, 3, 10",
        "calibnet, 1552242, 3, 3, 7, 21", "calibnet, 1576593, 2, 7, 10, 42", "calibnet, 1698055, 5, 6, 12, 21",
        "mainnet, 2907480, 2, 99, 102, 451", "mainnet, 3140097, 3, 82, 86, 487",
        "mainnet, 3573062, 2, 118, 121, 535", "mainnet, 3573064, 3, 97, 101, 536"})
    void countsMatchTheFixtureReadme(String network, long height, int blocks, int inBlocks, int executed,
            int subcalls) throws IOException {
        ComputeResult r = read(TraceFixtures.file(network, height));

        assertThat(r.trace()).hasSize(executed);
        assertThat(r.trace().stream().mapToInt(InvocationResult::subcallCount).sum()).isEqualTo(subcalls);
        // one reward message per block plus one cron message are implicit; the rest came in blocks
        assertThat(r.trace().stream().filter(InvocationResult::isImplicit).count()).isEqualTo(blocks + 1);
        assertThat(r.trace().stream().filter(m -> !m.isImplicit()).count()).isEqualTo(inBlocks);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traceFiles")
    void countsMatchAnIndependentWalkOfTheRawJson(String name, Path file) throws IOException {
        JsonNode raw = tree(file);
        List<InvocationResult> streamed = new ArrayList<>();
        Cid root;
        try (JsonParser p = new JsonFactory().createParser(TraceFixtures.open(file))) {
            root = reader.readComputeResult(p, streamed::add);
        }

        JsonNode trace = raw.get("Trace");
        int rawSubcalls = 0;
        int rawFailed = 0;
        int rawImplicit = 0;
        for (JsonNode m : trace) {
            rawSubcalls += nestedCalls(m.get("ExecutionTrace"));
            rawFailed += m.get("MsgRct").get("ExitCode").asLong() != 0 || !m.get("Error").asText().isEmpty() ? 1 : 0;
            rawImplicit += m.get("Msg").get("From").asText().equals("f00") ? 1 : 0;
        }
        assertThat(root).hasToString(raw.get("Root").get("/").asText());
        assertThat(streamed).hasSize(trace.size());
        assertThat(streamed.stream().mapToInt(InvocationResult::subcallCount).sum()).isEqualTo(rawSubcalls);
        assertThat(streamed.stream().filter(InvocationResult::failed).count()).isEqualTo(rawFailed);
        assertThat(streamed.stream().filter(InvocationResult::isImplicit).count()).isEqualTo(rawImplicit);
        assertThat(streamed.stream().mapToInt(m -> m.trace().preOrder().size()).sum())
                .isEqualTo(rawSubcalls + trace.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traceFiles")
    void everyFieldOfEveryMessageAndCallEqualsTheRawJson(String name, Path file) throws IOException {
        JsonNode trace = tree(file).get("Trace");
        List<InvocationResult> model = read(file).trace();

        for (int i = 0; i < model.size(); i++) {
            InvocationResult r = model.get(i);
            JsonNode n = trace.get(i);
            assertThat(r.msgCid()).hasToString(n.get("MsgCid").get("/").asText());
            assertMessage(r.msg(), n.get("Msg"));
            assertReceipt(r.receipt(), n.get("MsgRct"));
            assertGasCost(r.gasCost(), n.get("GasCost"));
            assertThat(r.error()).isEqualTo(n.get("Error").asText().isEmpty() ? null : n.get("Error").asText());
            assertThat(r.durationNanos()).isEqualTo(n.get("Duration").asLong());
            assertCall(r.trace(), n.get("ExecutionTrace"));
        }
    }

    /** The byte-level filter must give the same model as a parser that skips the arrays itself. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("traceFiles")
    void gasChargeFilterChangesNothingButTheGasCharges(String name, Path file) throws IOException {
        byte[] json = TraceFixtures.bytes(file);
        List<InvocationResult> unfiltered = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            reader.readComputeResult(p, unfiltered::add);
        }
        assertThat(reader.readComputeResult(new ByteArrayInputStream(json)).trace()).isEqualTo(unfiltered);

        // and the filtered text is the raw JSON with every GasCharges array emptied
        JsonNode expected = tree(file);
        emptyGasCharges(expected);
        GasChargeSummarizer filter = new GasChargeSummarizer(Pieces.oneByteAtATime(json));
        assertThat(JSON.readTree(filter)).isEqualTo(expected);
        assertThat(filter.skippedBytes()).isPositive();
    }

    private static void assertMessage(TraceMessage m, JsonNode n) {
        assertThat(m.to()).isEqualTo(n.get("To").asText());
        assertThat(m.from()).isEqualTo(n.get("From").asText());
        assertThat(m.version()).isEqualTo(n.path("Version").asInt(0));
        assertThat(m.nonce()).isEqualTo(n.path("Nonce").asLong(0));
        assertThat(m.value()).isEqualTo(new BigInteger(n.get("Value").asText()));
        assertThat(m.gasLimit()).isEqualTo(n.path("GasLimit").asLong(0));
        assertThat(m.gasFeeCap()).isEqualTo(new BigInteger(n.path("GasFeeCap").asText("0")));
        assertThat(m.gasPremium()).isEqualTo(new BigInteger(n.path("GasPremium").asText("0")));
        assertThat(m.method()).isEqualTo(n.get("Method").asLong());
        assertThat(m.params()).isEqualTo(base64(n.get("Params")));
    }

    private static void assertReceipt(Receipt r, JsonNode n) {
        assertThat(r.exitCode()).isEqualTo(n.get("ExitCode").asLong());
        assertThat(r.returnValue()).isEqualTo(base64(n.get("Return")));
        assertThat(r.gasUsed()).isEqualTo(n.path("GasUsed").asLong(0));
        assertThat(r.eventsRoot() == null ? null : r.eventsRoot().toString()).isEqualTo(cidText(n.path("EventsRoot")));
    }

    private static void assertGasCost(GasCost g, JsonNode n) {
        assertThat(g.gasUsed()).isEqualTo(Long.parseLong(n.get("GasUsed").asText()));
        assertThat(g.baseFeeBurn()).isEqualTo(new BigInteger(n.get("BaseFeeBurn").asText()));
        assertThat(g.overEstimationBurn()).isEqualTo(new BigInteger(n.get("OverEstimationBurn").asText()));
        assertThat(g.minerPenalty()).isEqualTo(new BigInteger(n.get("MinerPenalty").asText()));
        assertThat(g.minerTip()).isEqualTo(new BigInteger(n.get("MinerTip").asText()));
        assertThat(g.refund()).isEqualTo(new BigInteger(n.get("Refund").asText()));
        assertThat(g.totalCost()).isEqualTo(new BigInteger(n.get("TotalCost").asText()));
    }

    private static void assertCall(Call c, JsonNode n) {
        assertMessage(c.msg(), n.get("Msg"));
        assertReceipt(c.receipt(), n.get("MsgRct"));
        JsonNode msg = n.get("Msg");
        assertThat(c.readOnly()).isEqualTo(msg.path("ReadOnly").asBoolean(false));
        assertThat(c.paramsCodec()).isEqualTo(msg.path("ParamsCodec").asInt(Call.CODEC_UNRECORDED));
        assertThat(c.returnCodec()).isEqualTo(n.get("MsgRct").path("ReturnCodec").asInt(Call.CODEC_UNRECORDED));
        JsonNode actor = n.path("InvokedActor");
        String code = msg.has("CodeCid") ? cidText(msg.get("CodeCid")) : cidText(actor.path("State").path("Code"));
        assertThat(c.codeCid() == null ? null : c.codeCid().toString()).isEqualTo(code);
        if (actor.isObject()) {
            JsonNode s = actor.get("State");
            assertThat(c.invokedActor().id()).isEqualTo(actor.get("Id").asLong());
            assertThat(c.toId()).hasValue(actor.get("Id").asLong());
            assertThat(c.invokedActor().state().head()).hasToString(cidText(s.get("Head")));
            assertThat(c.invokedActor().state().nonce()).isEqualTo(s.get("Nonce").asLong());
            assertThat(c.invokedActor().state().balance()).isEqualTo(new BigInteger(s.get("Balance").asText()));
            assertThat(c.invokedActor().state().delegatedAddress()).isEqualTo(s.get("Address").isNull() ? null
                    : s.get("Address").asText());
        } else {
            assertThat(c.invokedActor()).isNull();
        }
        JsonNode subs = n.get("Subcalls");
        int count = subs == null || subs.isNull() ? 0 : subs.size();
        assertThat(c.subcalls()).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertCall(c.subcalls().get(i), subs.get(i));
        }
    }

    private static int nestedCalls(JsonNode call) {
        int n = 0;
        for (JsonNode s : call.path("Subcalls")) {
            n += 1 + nestedCalls(s);
        }
        return n;
    }

    private static void emptyGasCharges(JsonNode node) {
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) node;
            if (o.get("GasCharges") != null && o.get("GasCharges").isArray()) {
                o.putArray("GasCharges");
            }
            o.forEach(TraceReaderTest::emptyGasCharges);
        } else if (node.isArray()) {
            node.forEach(TraceReaderTest::emptyGasCharges);
        }
    }

    private static byte[] base64(JsonNode n) {
        return n == null || n.isNull() ? null : Base64.getDecoder().decode(n.asText());
    }

    private static String cidText(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.get("/").asText();
    }

    private ComputeResult read(Path file) throws IOException {
        try (InputStream in = TraceFixtures.open(file)) {
            return reader.readComputeResult(in);
        }
    }

    private static JsonNode tree(Path file) throws IOException {
        try (InputStream in = TraceFixtures.open(file)) {
            return JSON.readTree(in);
        }
    }

}
