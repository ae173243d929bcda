package trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The four trace generations give one model; values sampled from the recordings by hand. */
class TraceGenerationsTest {
    private final TraceReader reader = new TraceReader();

    /** One recording per generation, with what that generation records. */
    static Stream<Arguments> generations() {
        return Stream.of(
                // network, height, call gas limit recorded, codec recorded, code CID recorded, invoked actor
                Arguments.of("pre-1.23", "mainnet", 2907480L, true, false, false, false),
                Arguments.of("1.23", "calibnet", 845259L, false, true, false, false),
                Arguments.of("1.23-1.25", "calibnet", 14107L, true, true, false, false),
                Arguments.of("1.25", "mainnet", 3140097L, true, true, true, false),
                Arguments.of("1.26+", "calibnet", 1162295L, true, true, true, true));
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("generations")
    void eachGenerationFillsTheSameModel(String generation, String network, long height, boolean gasLimit,
            boolean codecs, boolean codeCid, boolean invokedActor) throws IOException {
        List<InvocationResult> trace = read(network, height).trace();

        InvocationResult cron = trace.get(trace.size() - 1);
        assertThat(cron.isImplicit()).isTrue();
        assertThat(cron.msg().to()).isEqualTo("f03");
        assertThat(cron.msg().method()).isEqualTo(2); // EpochTick
        assertThat(cron.trace().msg().from()).isEqualTo("f00");
        assertThat(cron.trace().msg().to()).isEqualTo("f03");

        for (InvocationResult r : trace) {
            Call root = r.trace();
            // fields every generation has mean the same thing: the root call executes the message
            assertThat(root.msg().value()).isEqualTo(r.msg().value());
            assertThat(root.msg().method()).isEqualTo(r.msg().method());
            assertThat(root.msg().params()).isEqualTo(r.msg().params());
            assertThat(root.receipt().exitCode()).isEqualTo(r.receipt().exitCode());
            assertThat(root.receipt().returnValue()).isEqualTo(r.receipt().returnValue());
            assertThat(r.gasCost()).isNotNull();
            for (Call c : root.preOrder()) {
                assertThat(c.msg().to()).matches("f[0-4].+");
                assertThat(c.msg().from()).matches("f[0-4].+");
                assertThat(c.msg().value()).isNotNull();
                assertThat(c.codeCid() != null).isEqualTo(codeCid);
                assertThat(c.invokedActor() != null).isEqualTo(invokedActor);
                assertThat(c.paramsCodec() != Call.CODEC_UNRECORDED).isEqualTo(codecs);
                assertThat(c.returnCodec() != Call.CODEC_UNRECORDED).isEqualTo(codecs);
                if (!generation.equals("pre-1.23")) {
                    // from 1.23 on, callers are printed as ID addresses; receivers are too unless the
                    // call goes to a robust address (e.g. the market actor paying an f1 client)
                    assertThat(c.fromId()).isPresent();
                    assertThat(c.toId().isPresent()).isEqualTo(c.msg().to().startsWith("f0") || invokedActor);
                }
            }
            if (!r.isImplicit()) {
                assertThat(root.msg().gasLimit() > 0).isEqualTo(gasLimit);
            }
        }
    }

    @Test
    void preFvmTraceKeepsTheWholeMessage() throws IOException {
        InvocationResult first = read("mainnet", 2907480).trace().get(0);

        assertThat(first.msgCid()).hasToString("bafy2bzacecyyharywkffi5xszhe5dkkorw23as3oezy2gno4yblfcpuysg7a6");
        assertThat(first.msg().to()).isEqualTo("f01830424");
        assertThat(first.msg().from())
                .isEqualTo("f3ql3rp5fiuhbgt3pxbd2h242ncaq4jrcitl5rpazchzs2lipsgn26itkvedg7bkilewt72ryx7hk7mbhj5oqq");
        assertThat(first.msg().nonce()).isEqualTo(18250);
        assertThat(first.msg().gasLimit()).isEqualTo(27765062);
        assertThat(first.msg().gasFeeCap()).isEqualTo(new BigInteger("4533170484"));
        assertThat(first.msg().gasPremium()).isEqualTo(new BigInteger("163468524"));
        assertThat(first.msg().method()).isEqualTo(5);
        assertThat(first.receipt().gasUsed()).isEqualTo(24149649);
        assertThat(first.gasCost().baseFeeBurn()).isEqualTo(new BigInteger("2319250978091817"));
        assertThat(first.gasCost().refund()).isEqualTo(new BigInteger("118988535447256842"));
        assertThat(first.gasCost().totalCost()).isEqualTo(new BigInteger("6875224097573166"));
        assertThat(first.durationNanos()).isEqualTo(1926606);
        assertThat(first.trace().msg()).isEqualTo(first.msg());
        assertThat(first.trace().receipt()).isEqualTo(first.receipt());
        assertThat(first.subcallCount()).isZero();
        assertThat(first.isImplicit()).isFalse();
    }

    @Test
    void evmDeploymentCarriesItsCreationTree() throws IOException {
        InvocationResult deploy = read("mainnet", 3573064).trace().get(75);

        assertThat(deploy.msgCid()).hasToString("bafy2bzacearovcj5ze6rsjctx2suoasx6dbwvkws2f2uaoiy5qllyv3xitqqi");
        assertThat(deploy.msg().from()).isEqualTo("f410fxif5ceamiwxfxwoirbkcru3c4gvtcs2tf4satcq");
        assertThat(deploy.trace().msg().from()).isEqualTo("f02078582"); // the same sender, resolved
        assertThat(deploy.trace().fromId()).hasValue(2078582);
        assertThat(deploy.gasCost().totalCost()).isEqualTo(new BigInteger("11882937732512"));
        List<String> tree = new ArrayList<>();
        deploy.trace().forEachPreOrder(c -> tree.add(c.msg().from() + ">" + c.msg().to() + ":" + c.msg().method()));
        assertThat(tree).containsExactly("f02078582>f010:4", "f010>f01:3", "f01>f02941146:1",
                "f02941146>f02941143:3", "f02941146>f02941143:3", "f02941146>f02941143:3", "f02941146>f02941146:6");
        Call exec4 = deploy.trace().subcalls().get(0);
        assertThat(exec4.codeCid()).hasToString("bafk2bzacebllyegx5r6lggf6ymyetbp7amacwpuxakhtjvjtvoy2bfkzk3vms");
        assertThat(exec4.descendantCount()).isEqualTo(5);
        assertThat(deploy.subcallCount()).isEqualTo(6);
    }

    @Test
    void failedMessageKeepsExitCodeAndError() throws IOException {
        List<InvocationResult> failed = read("mainnet", 3573062).trace().stream().filter(InvocationResult::failed)
                .toList();

        assertThat(failed).singleElement().satisfies(r -> {
            assertThat(r.msgCid()).hasToString("bafy2bzaced45ef2rqglrsuocj35ey5evququnrjmmeizaoxay6uol42wbx6pa");
            assertThat(r.receipt().exitCode()).isEqualTo(7);
            assertThat(r.receipt().gasUsed()).isEqualTo(70575336);
            assertThat(r.error()).startsWith("message failed with backtrace:").contains("out of gas (7)");
        });
    }

    @Test
    void invokedActorStateIsRead() throws IOException {
        Call root = read("calibnet", 1576593).trace().stream().filter(r -> !r.isImplicit()).findFirst().orElseThrow()
                .trace();

        assertThat(root.invokedActor().id()).isEqualTo(99083);
        assertThat(root.invokedActor().state().balance()).isEqualTo(new BigInteger("5035602700436126468418081"));
        assertThat(root.invokedActor().state().delegatedAddress()).startsWith("f410fi33xdhna66nmmssfkutakxnue");
        assertThat(root.codeCid()).isEqualTo(root.invokedActor().state().code());
        assertThat(root.toId()).hasValue(99083); // the receiver is printed as f410, the ID comes from the actor
        assertThat(root.msg().method()).isEqualTo(3844450837L);
        assertThat(root.paramsCodec()).isEqualTo(0x51);
        assertThat(root.subcalls().get(0).paramsCodec()).isEqualTo(0x55);
        assertThat(root.subcalls().get(0).readOnly()).isTrue();
    }

    /** The Lotus client hands the reader a parser standing at the JSON-RPC {@code result}. */
    @Test
    void readsFromInsideAJsonRpcResponse() throws IOException {
        Path file = TraceFixtures.file("calibnet", 38895);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"jsonrpc\":\"2.0\",\"result\":".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(TraceFixtures.bytes(file));
        body.writeBytes(",\"id\":7}".getBytes(StandardCharsets.UTF_8));

        List<InvocationResult> streamed = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(body.toByteArray())) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME && !p.currentName().equals("result")) {
                p.nextToken();
                p.skipChildren();
            }
            reader.readComputeResult(p, streamed::add);
            assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
            assertThat(p.currentName()).isEqualTo("id");
        }
        assertThat(streamed).isEqualTo(read("calibnet", 38895).trace());
    }

    private ComputeResult read(String network, long height) throws IOException {
        try (InputStream in = TraceFixtures.open(TraceFixtures.file(network, height))) {
            return reader.readComputeResult(in);
        }
    }
}
