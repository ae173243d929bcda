package replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codec.address.Address;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import lotus.LotusRpcException;
import lotus.TipSetKey;
import org.junit.jupiter.api.Test;
import testsupport.Fixtures;

/**
 * StateGetActor at a recorded tipset answers an actor's state before the tipset only where the
 * 1.26+ trace proves it, and says "not recorded" otherwise. Expected values from the raw traces.
 */
class ParentStatesTest {
    private static final long HEIGHT = 1576593;

    @Test
    void answersTheFirstRecordingOfUntouchedActorsAndRefusesTheRest() throws Exception {
        JsonNode traces = read("traces_" + HEIGHT);
        JsonNode tipset = read("tipset_" + HEIGHT);
        Map<Long, String> first = new LinkedHashMap<>();
        Set<Long> senders = new HashSet<>();
        for (JsonNode r : traces.path("Trace")) {
            String from = r.path("ExecutionTrace").path("Msg").path("From").asText();
            if (!from.equals("f00")) {
                senders.add(Long.parseLong(from.substring(2)));
            }
            collect(r.path("ExecutionTrace"), first);
        }
        List<codec.cid.Cid> cids = new ArrayList<>();
        tipset.path("Cids").forEach(c -> cids.add(codec.cid.Cid.parse(c.path("/").asText())));
        try (ReplayNode node = ReplayNode.start(ReplayConfig.of(Fixtures.CALIBNET))) {
            LotusClient c = new LotusClient(LotusClientConfig.of(node.url().toString()),
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            TipSetKey key = new TipSetKey(cids);
            int answered = 0;
            int refused = 0;
            for (Map.Entry<Long, String> e : first.entrySet()) {
                Address a = Address.id(e.getKey());
                if (senders.contains(e.getKey()) || e.getKey() == 2 || e.getKey() == 99) {
                    assertThatThrownBy(() -> c.stateGetActor(a, key)).as("f0%d", e.getKey())
                            .isInstanceOf(LotusRpcException.class).hasMessageContaining("not recorded");
                    refused++;
                } else {
                    assertThat(c.stateGetActor(a, key).balance().toString()).as("f0%d", e.getKey())
                            .isEqualTo(e.getValue());
                    answered++;
                }
            }
            assertThat(answered).isGreaterThan(5);
            assertThat(refused).as("the reward actor at least").isPositive();
        }
    }

    private static void collect(JsonNode call, Map<Long, String> out) {
        JsonNode a = call.path("InvokedActor");
        if (a.path("State").isObject()) {
            out.putIfAbsent(a.path("Id").asLong(), a.path("State").path("Balance").asText());
        }
        for (JsonNode s : call.path("Subcalls")) {
            collect(s, out);
        }
    }

    private static JsonNode read(String name) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Fixtures.CALIBNET.resolve(name + ".json.gz")))) {
            return new ObjectMapper().readTree(in);
        }
    }
}
