package kamelets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lotus.LotusClient;
import observe.Meters;
import storage.ClickHouseAccess;
import storage.clickhouse.ClickHouseRowWriter;
import storage.rows.AddressRow;
import storage.rows.CidLookupRow;
import testsupport.SharedEngines;
import lotus.LotusClientConfig;
import lotus.TipSet;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import replay.ReplayConfig;
import replay.ReplayNode;
import testsupport.Fixtures;

/**
 * The Kamelets in {@code kamelets/}: each documents its properties and is used by a route file,
 * and each does what its description says when a route uses it, on real engines (clickhouse-rows-sink
 * on chDB; kafka-manual-commit-action is proven on a real broker by contracts.ListenerDeliveryTest). Not in package {@code routes}: camel-main
 * scans that package for RouteBuilders, and this test defines some.
 */
class KameletsTest {
    private static final Path KAMELETS = Path.of("kamelets");
    private static final Path ROUTES = Path.of("src/main/resources/routes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<Path> kamelets() throws IOException {
        try (Stream<Path> files = Files.list(KAMELETS)) {
            return files.filter(p -> p.toString().endsWith(".kamelet.yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kamelets")
    void documentsEveryPropertyAndIsUsedByARoute(Path file) throws IOException {
        JsonNode kamelet = YAML.readTree(file.toFile());
        String name = file.getFileName().toString().replace(".kamelet.yaml", "");
        assertThat(kamelet.path("kind").asText()).isEqualTo("Kamelet");
        assertThat(kamelet.path("metadata").path("name").asText()).isEqualTo(name);
        String type = kamelet.path("metadata").path("labels").path("camel.apache.org/kamelet.type").asText();
        assertThat(name).as("a %s Kamelet's name ends with its type", type).endsWith("-" + type);
        JsonNode definition = kamelet.path("spec").path("definition");
        assertThat(definition.path("title").asText()).isNotBlank();
        assertThat(definition.path("description").asText()).isNotBlank();
        List<String> required = YAML.convertValue(definition.path("required"), YAML.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        for (Iterator<String> it = definition.path("properties").fieldNames(); it.hasNext(); ) {
            String property = it.next();
            JsonNode p = definition.path("properties").get(property);
            assertThat(p.path("title").asText()).as(name + "." + property + " title").isNotBlank();
            assertThat(p.path("description").asText()).as(name + "." + property + " description").isNotBlank();
            assertThat(p.path("type").asText()).as(name + "." + property + " type").isNotBlank();
            assertThat(p.has("default") || (required != null && required.contains(property)))
                    .as(name + "." + property + " has a default or is required").isTrue();
        }
        assertThat(usedBy(name)).as("route files using kamelet:" + name).isNotEmpty();
    }

    @Test
    void lotusHeadSourceEmitsTheNodesHeadAndTheConfirmedHeight() throws Exception {
        // the recorded chain's head is its highest recorded tipset
        long recordedHead;
        try (Stream<Path> files = Files.list(Fixtures.MAINNET)) {
            recordedHead = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("tipset_"))
                    .mapToLong(n -> Long.parseLong(n.substring(7, n.indexOf('.')))).max().orElseThrow();
        }
        try (ReplayNode node = ReplayNode.start(ReplayConfig.of(Fixtures.MAINNET));
             DefaultCamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("recordedLotus",
                    new LotusClient(LotusClientConfig.of(node.url().toString()), new SimpleMeterRegistry()));
            BlockingQueue<Exchange> emitted = collect(context,
                    "kamelet:lotus-head-source?period=50&confidence=5&lotusClient=recordedLotus");
            context.start();
            Exchange head = emitted.poll(60, TimeUnit.SECONDS);
            assertThat(head).isNotNull();
            assertThat(head.getMessage().getBody(TipSet.class).height()).isEqualTo(recordedHead);
            assertThat(head.getMessage().getHeader("filflowHeadHeight", Long.class)).isEqualTo(recordedHead);
            assertThat(head.getMessage().getHeader("filflowConfirmedHeight", Long.class)).isEqualTo(recordedHead - 5);
            assertThat(head.getMessage().getHeader("filflowHeadError")).isNull();
            assertThat(emitted.poll(60, TimeUnit.SECONDS)).as("a second poll, one period later").isNotNull();
        }
    }

    @Test
    void lotusHeadSourceEmitsAFailedPollWithItsError() throws Exception {
        ReplayNode node = ReplayNode.start(ReplayConfig.of(Fixtures.MAINNET));
        String url = node.url().toString();
        node.close();                                         // nothing listens there any more
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("lotusClient", new LotusClient(LotusClientConfig.of(url), new SimpleMeterRegistry()));
            BlockingQueue<Exchange> emitted = collect(context, "kamelet:lotus-head-source?period=50");
            context.start();
            Exchange failed = emitted.poll(120, TimeUnit.SECONDS);
            assertThat(failed).isNotNull();
            assertThat(failed.getMessage().getHeader("filflowHeadError", Exception.class)).isNotNull();
            assertThat(failed.getMessage().getHeader("filflowConfirmedHeight")).isNull();
        }
    }

    @Test
    void deadLetterActionCarriesTheValueTheErrorAndTheSource() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            BlockingQueue<Exchange> letters = new LinkedBlockingQueue<>();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in")
                            .setProperty("why", constant(new IllegalArgumentException("not a creation")))
                            .setProperty("original", constant("{\"messageCid\":\"bafy\"}"))
                            .setBody(constant("something else"))
                            .to("kamelet:filflow-dead-letter-action?errorProperty=why&valueProperty=original")
                            .process(letters::add);
                }
            });
            context.start();
            context.createProducerTemplate().sendBodyAndHeaders("direct:in", "record", java.util.Map.of(
                    "kafka.TOPIC", "new_contract", "kafka.PARTITION", 3, "kafka.OFFSET", 41L));
            Exchange letter = letters.poll(30, TimeUnit.SECONDS);
            assertThat(letter).isNotNull();
            assertThat(letter.getMessage().getBody(String.class)).isEqualTo("{\"messageCid\":\"bafy\"}");
            assertThat(letter.getMessage().getHeader("filflow.error")).isEqualTo("not a creation");
            assertThat(letter.getMessage().getHeader("filflow.error.type")).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(letter.getMessage().getHeader("filflow.source")).isEqualTo("new_contract/3/41");
        }
    }

    @Test
    void clickHouseRowsSinkWritesEveryRowInInsertsOfTheBatchSize() throws Exception {
        ClickHouseAccess clickHouse = SharedEngines.clickHouse("kamelet_rows_sink");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<CidLookupRow> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(new CidLookupRow("bafy-row-" + i, "message", 100 + i, "tipset-" + i, "bafy-row-" + i,
                    "2026-01-02 03:04:05.000000"));
        }
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("clickHouseRowWriter", new ClickHouseRowWriter(clickHouse.client(), 60, meters));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:rows").to("kamelet:clickhouse-rows-sink?table=cid_lookup&batchSize=2&timeoutSeconds=30");
                }
            });
            context.start();
            context.createProducerTemplate().sendBody("direct:rows", rows);

            assertThat(keys(clickHouse)).containsExactly("bafy-row-0", "bafy-row-1", "bafy-row-2", "bafy-row-3", "bafy-row-4");
            // 5 rows in inserts of at most 2: 2 + 2 + 1
            assertThat(meters.get(Meters.INSERT).tag("table", "cid_lookup").tag("outcome", "ok").timer().count()).isEqualTo(3);

            Exchange refused = context.createProducerTemplate().send("direct:rows",
                    x -> x.getMessage().setBody(List.of(new AddressRow("f1abc", 1234, "robust", 7, "bafy-block",
                            "2026-01-02 03:04:05.000000"))));
            assertThat(refused.getException()).as("a row of another table").isNotNull()
                    .hasStackTraceContaining("a row of table address_sightings was sent to the sink of cid_lookup");
            assertThat(keys(clickHouse)).hasSize(5);
        }
    }

    @Test
    void webhookAlertSinkPostsTheJsonAndNothingElseToTheWebhook() throws Exception {
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/alerts", x -> {
            received.add(x.getRequestMethod() + " " + x.getRequestURI().getRawQuery() + " "
                    + x.getRequestHeaders().getFirst("Content-Type") + " " + x.getRequestHeaders().containsKey("Filflowinternal")
                    + " " + new String(x.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            // the second notice is refused: the sink must fail the exchange
            x.sendResponseHeaders(received.size() == 2 ? 500 : 204, -1);
            x.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/alerts?token=s3cret&team=chain";
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:alert").setHeader("filflowInternal", constant("not for the receiver"))
                            .to("kamelet:webhook-alert-sink?url=RAW(" + url + ")");
                }
            });
            context.start();
            String firing = "{\"alert\":\"lag\",\"status\":\"firing\"}";
            Exchange sent = context.createProducerTemplate().send("direct:alert", x -> x.getMessage().setBody(firing));
            assertThat(sent.getException()).isNull();
            Exchange refused = context.createProducerTemplate().send("direct:alert", x -> x.getMessage().setBody(firing));
            assertThat(refused.getException()).as("a 500 fails the exchange").isNotNull()
                    .hasStackTraceContaining("500");
        } finally {
            receiver.stop(0);
        }
        assertThat(received).hasSize(2);
        String[] first = received.get(0).split(" ", 5);
        assertThat(first[0]).isEqualTo("POST");
        assertThat(Set.of(first[1].split("&"))).containsExactlyInAnyOrder("token=s3cret", "team=chain");
        assertThat(first[2]).isEqualTo("application/json");
        assertThat(first[3]).as("an internal header reached the receiver").isEqualTo("false");
        assertThat(first[4]).isEqualTo("{\"alert\":\"lag\",\"status\":\"firing\"}");
    }

    private static List<String> keys(ClickHouseAccess clickHouse) throws java.sql.SQLException {
        List<String> keys = new ArrayList<>();
        try (java.sql.Connection c = clickHouse.dataSource().getConnection();
             java.sql.ResultSet r = c.createStatement().executeQuery("SELECT key FROM cid_lookup ORDER BY key")) {
            while (r.next()) {
                keys.add(r.getString(1));
            }
        }
        return keys;
    }

    private static BlockingQueue<Exchange> collect(DefaultCamelContext context, String from) throws Exception {
        BlockingQueue<Exchange> out = new LinkedBlockingQueue<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).process(out::add);
            }
        });
        return out;
    }

    private static List<Path> usedBy(String kamelet) throws IOException {
        try (Stream<Path> files = Files.list(ROUTES)) {
            return files.filter(f -> {
                try {
                    return Files.readString(f).contains("kamelet:" + kamelet);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
