package monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alert rules' state machine on samples with chosen times: pending, one firing, one resolved. */
class AlertRulesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AlertRules rules = new AlertRules(new AlertRules.Thresholds(30, 0, 0, Duration.ofMinutes(15),
            Duration.ofMinutes(10), Duration.ofMinutes(1)), meters);

    @Test
    void aConditionFiresOnceAfterItsPendingTimeAndResolvesOnce() {
        assertThat(rules.evaluate(sample(0, 100L, 50L))).as("lag 50 > 30, pending").isEmpty();
        assertThat(rules.evaluate(sample(30, 100L, 60L))).as("still pending").isEmpty();
        List<AlertNotice> fired = rules.evaluate(sample(60, 100L, 60L));
        assertThat(fired).singleElement().satisfies(n -> {
            assertThat(n.alert()).isEqualTo("lag");
            assertThat(n.status()).isEqualTo(AlertNotice.FIRING);
            assertThat(n.value()).isEqualTo(40);
            assertThat(n.threshold()).isEqualTo(30);
            assertThat(n.startsAt()).isEqualTo(T0.plusSeconds(60).toString());
            assertThat(n.endsAt()).isNull();
        });
        assertThat(firing("lag")).isEqualTo(1.0);
        for (int s = 90; s < 600; s += 30) {
            assertThat(rules.evaluate(sample(s, 100L, 50L))).as("no repeat at " + s).isEmpty();
        }
        List<AlertNotice> resolved = rules.evaluate(sample(600, 100L, 90L));
        assertThat(resolved).singleElement().satisfies(n -> {
            assertThat(n.alert()).isEqualTo("lag");
            assertThat(n.status()).isEqualTo(AlertNotice.RESOLVED);
            assertThat(n.value()).isEqualTo(10);
            assertThat(n.startsAt()).isEqualTo(T0.plusSeconds(60).toString());
            assertThat(n.endsAt()).isEqualTo(T0.plusSeconds(600).toString());
        });
        assertThat(firing("lag")).isZero();
        assertThat(rules.evaluate(sample(630, 100L, 90L))).isEmpty();
    }

    @Test
    void aConditionThatClearsWhilePendingSendsNothing() {
        assertThat(rules.evaluate(sample(0, 100L, 10L))).isEmpty();
        assertThat(rules.evaluate(sample(30, 100L, 90L))).isEmpty();
        assertThat(rules.evaluate(sample(90, 100L, 90L))).isEmpty();
        assertThat(rules.evaluate(sample(100, 100L, 10L))).as("pending starts anew").isEmpty();
        assertThat(rules.evaluate(sample(159, 100L, 10L))).isEmpty();
        assertThat(rules.evaluate(sample(160, 100L, 10L))).extracting(AlertNotice::alert).containsExactly("lag");
    }

    @Test
    void anUnknownHeadOrAFailedSampleJudgesNothing() {
        assertThat(rules.evaluate(sample(0, null, 10L))).isEmpty();
        assertThat(rules.evaluate(sample(120, null, 10L))).as("no head: no lag").isEmpty();
        rules.evaluate(sample(200, 100L, 10L));
        assertThat(rules.evaluate(sample(300, 100L, 10L))).extracting(AlertNotice::status).containsExactly("firing");
        IndexingSample broken = new IndexingSample(T0.plusSeconds(400), 100L, 99L, 1L, 0, 0, 0, false, 0, "ClickHouse down");
        assertThat(rules.evaluate(broken)).as("stale numbers resolve nothing").isEmpty();
        assertThat(firing("lag")).isEqualTo(1.0);
    }

    @Test
    void gapsFailingHeightsAndAStalledFollowAreJudgedOnTheirOwn() {
        IndexingSample bad = new IndexingSample(T0, 100L, 99L, 1L, 3, 2, 0, true, 700, null);
        rules.evaluate(bad);
        List<AlertNotice> fired = rules.evaluate(new IndexingSample(T0.plusSeconds(60), 100L, 99L, 1L, 3, 2, 0, true,
                760, null));
        assertThat(fired).extracting(AlertNotice::alert).containsExactly("gaps", "failing-heights", "follow-stalled");
        assertThat(fired).extracting(AlertNotice::severity).containsExactly("warning", "warning", "critical");
        assertThat(fired.get(0).summary()).isEqualTo("3 heights are missing or failed (more than 0)");
        // follow off: a stall is no stall
        List<AlertNotice> resolved = rules.evaluate(new IndexingSample(T0.plusSeconds(90), 100L, 99L, 1L, 0, 0, 0,
                false, 0, null));
        assertThat(resolved).extracting(AlertNotice::alert).containsExactly("gaps", "failing-heights", "follow-stalled");
        assertThat(resolved).extracting(AlertNotice::status).containsOnly("resolved");
    }

    private double firing(String alert) {
        return meters.get("filflow.alerts.firing").tag("alert", alert).gauge().value();
    }

    private static IndexingSample sample(long seconds, Long head, Long indexed) {
        Long lag = head == null ? null : head - indexed;
        return new IndexingSample(T0.plusSeconds(seconds), head, indexed, lag, 0, 0, 0, false, 0, null);
    }
}
