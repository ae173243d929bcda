package contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.esaulpaugh.headlong.abi.Tuple;
import com.esaulpaugh.headlong.abi.TupleType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contracts.abi.ContractAbi;
import contracts.solc.CompilerWorkers;
import contracts.solc.Compilers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lotus.EthCallRequest;
import lotus.LotusClient;
import lotus.LotusClientConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import replay.ReplayConfig;
import replay.ReplayNode;
import testsupport.Fixtures;

/**
 * Contracts for developers, measured: compiles per minute with a warm pool of Node.js compiler
 * workers (solc 0.8.24, the test project's Counter.sol), and read-only call latency through the
 * replay node's {@code --eth-node} to a Hardhat node (encode, EthCall, decode). Prints its numbers
 * with the machine and its load.
 * {@code mvn -o test -Dgroups=benchmark -DexcludedGroups= -Dtest=ContractsBenchmark}
 */
@Tag("benchmark")
class ContractsBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void compilesPerMinuteWithAWarmPool() throws Exception {
        machine();
        ObjectNode input = JSON.createObjectNode();
        input.put("language", "Solidity");
        input.putObject("sources").putObject("contracts/Counter.sol").put("content",
                java.nio.file.Files.readString(java.nio.file.Path.of("src/test/evm/contracts/Counter.sol")));
        input.putObject("settings").putObject("outputSelection").putObject("*").putArray("*")
                .add("abi").add("evm.bytecode").add("evm.deployedBytecode").add("metadata");
        CompilerWorkers workers = Compilers.workers();
        for (int i = 0; i < workers.size() * 2; i++) {
            workers.compile(Compilers.soljson(), input.toString());   // warm: every worker has the compiler loaded
        }
        int n = 40;
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        List<Future<Long>> each = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            each.add(pool.submit(() -> {
                long t = System.nanoTime();
                workers.compile(Compilers.soljson(), input.toString());
                return System.nanoTime() - t;
            }));
        }
        long[] ms = new long[n];
        for (int i = 0; i < n; i++) {
            ms[i] = each.get(i).get() / 1_000_000;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(ms);
        System.out.printf("compiles: %d workers, %d compiles of Counter.sol in %.1f s = %.0f compiles/min; per compile median %d ms, p95 %d ms%n",
                workers.size(), n, seconds, n / seconds * 60, ms[n / 2], ms[n * 95 / 100]);
        assertThat(ms[0]).isPositive();
    }

    @Test
    void callLatencyThroughTheReplayNode() throws Exception {
        machine();
        HardhatProject project = HardhatProject.create(Compilers.soljson(), "0.8.24", "0.8.24+commit.e11b9ed9");
        assertThat(project.hardhat(Duration.ofMinutes(3), "compile").exit()).isZero();
        try (HardhatNode evm = HardhatNode.start(project);
             ReplayNode lotus = ReplayNode.start(ReplayConfig.of(Fixtures.MAINNET).withEthNode(evm.url()))) {
            JsonNode artifact = project.artifact("Counter");
            ByteBuffer args = TupleType.parse("(uint256,string)").encode(Tuple.of(BigInteger.valueOf(42), "bench"));
            String address = evm.deploy(artifact.get("bytecode").asText() + HEX.formatHex(args.array(), 0, args.limit()));
            LotusClient client = new LotusClient(LotusClientConfig.of(lotus.url().toString()), new SimpleMeterRegistry());
            ContractAbi abi = ContractAbi.parse(artifact.get("abi"));
            var state = abi.function("state");
            for (int i = 0; i < 50; i++) {
                call(client, address, state);
            }
            int n = 500;
            long[] us = new long[n];
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                JsonNode out = call(client, address, state);
                us[i] = (System.nanoTime() - t) / 1000;
                assertThat(out.at("/1/value").asText()).isEqualTo("42");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(us);
            System.out.printf("calls: state() through the replay node to a Hardhat node, %d calls in %.1f s = %.0f calls/s;"
                    + " latency median %.2f ms, p95 %.2f ms, p99 %.2f ms%n", n, seconds, n / seconds,
                    us[n / 2] / 1000.0, us[n * 95 / 100] / 1000.0, us[n * 99 / 100] / 1000.0);
        }
    }

    private static JsonNode call(LotusClient client, String address, com.esaulpaugh.headlong.abi.Function f) {
        byte[] data = ContractAbi.encodeCall(f, JSON.createArrayNode());
        byte[] out = client.ethCall(new EthCallRequest(null, address, null, null, null, "0x" + HEX.formatHex(data)), "latest");
        return ContractAbi.decodeOutputs(f, out, codec.address.Network.MAINNET);
    }

    private static void machine() {
        System.out.printf("machine: %d cores, java %s, load %.1f%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
