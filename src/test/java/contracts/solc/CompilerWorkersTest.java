package contracts.solc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Node.js worker pool on the real solc 0.8.24 from npm: compiles, and survives a timeout and a crash. */
class CompilerWorkersTest {
    static final String INPUT = """
            {"language":"Solidity","sources":{"A.sol":{"content":"pragma solidity ^0.8.0; contract A { function f() external pure returns (uint256) { return 7; } }"}},
             "settings":{"outputSelection":{"*":{"*":["evm.deployedBytecode.object","abi"]}}}}""";

    @Test
    void compilesWithTheExactReleaseAsked() {
        CompilerWorkers.Compiled c = Compilers.workers().compile(Compilers.soljson(), INPUT);

        assertThat(Compilers.SOLC.isReportedBy(c.compilerVersion())).as(c.compilerVersion()).isTrue();
        assertThat(SolcVersion.longFormOf(c.compilerVersion())).isEqualTo("v0.8.24+commit.e11b9ed9");
        JsonNode a = c.output().at("/contracts/A.sol/A");
        assertThat(a.at("/evm/deployedBytecode/object").asText()).matches("[0-9a-f]{100,}");
        assertThat(a.at("/abi/0/name").asText()).isEqualTo("f");
    }

    @Test
    void aCompileOverTheTimeoutStopsItsWorkerAndTheNextOneRuns() {
        try (CompilerWorkers one = new CompilerWorkers(1, Duration.ofMillis(1))) {
            assertThatThrownBy(() -> one.compile(Compilers.soljson(), INPUT))
                    .isInstanceOfSatisfying(CompilerException.class, e -> assertThat(e.kind()).isEqualTo(CompilerException.Kind.TIMEOUT));
            assertThat(one.pids()).hasSize(1);
        }
    }

    @Test
    void aCrashedWorkerIsReplaced() throws Exception {
        try (CompilerWorkers one = new CompilerWorkers(1, Duration.ofMinutes(2))) {
            one.compile(Compilers.soljson(), INPUT);
            long pid = one.pids().get(0);
            ProcessHandle worker = ProcessHandle.of(pid).orElseThrow();
            worker.destroyForcibly();
            worker.onExit().get(10, TimeUnit.SECONDS);

            assertThatThrownBy(() -> one.compile(Compilers.soljson(), INPUT))
                    .isInstanceOfSatisfying(CompilerException.class, e -> assertThat(e.kind()).isEqualTo(CompilerException.Kind.CRASHED));
            CompilerWorkers.Compiled again = one.compile(Compilers.soljson(), INPUT);

            assertThat(again.output().at("/contracts/A.sol/A/abi/0/name").asText()).isEqualTo("f");
            assertThat(one.pids()).hasSize(1).doesNotContain(pid);
        }
    }

    @Test
    void versionsAreReadAsToolsWriteThem() {
        assertThat(SolcVersion.parse("0.8.24")).contains(new SolcVersion("0.8.24", null));
        assertThat(SolcVersion.parse("v0.8.24+commit.e11b9ed9")).contains(new SolcVersion("0.8.24", "e11b9ed9"));
        assertThat(SolcVersion.parse("v0.8.24-nightly.2024.1.1+commit.deadbeef")).isEmpty();
        assertThat(SolcVersion.parse("latest")).isEmpty();
        assertThat(new SolcVersion("0.8.24", "e11b9ed9").isReportedBy("0.8.24+commit.e11b9ed9.Emscripten.clang")).isTrue();
        assertThat(new SolcVersion("0.8.24", "deadbeef").isReportedBy("0.8.24+commit.e11b9ed9.Emscripten.clang")).isFalse();
    }

    @Test
    void aReleaseNpmDoesNotHaveIsAnUnknownVersion() {
        assertThatThrownBy(() -> SolcCache.standard().soljson(new SolcVersion("0.8.99", null)))
                .isInstanceOfSatisfying(CompilerException.class,
                        e -> assertThat(e.kind()).isEqualTo(CompilerException.Kind.UNKNOWN_VERSION));
    }
}
