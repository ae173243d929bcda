package monitor;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import observe.Meters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts route's rules ({@code routes/alerts.camel.yaml}): {@code lag}, {@code gaps},
 * {@code failing-heights} and {@code follow-stalled}, judged on each {@link IndexingSample}. A rule
 * whose condition holds for {@code pending} fires: one {@code firing} notice; while it keeps
 * holding nothing more is sent (de-duplication); when it stops holding, one {@code resolved}
 * notice. A sample taken while a dependency was down changes nothing.
 */
public final class AlertRules {
    private static final Logger LOG = LoggerFactory.getLogger(AlertRules.class);

    /** Limits: a rule fires when its value is above its limit. */
    public record Thresholds(long maxLag, long maxGaps, long maxFailing, Duration failingWindow, Duration stallAfter,
                             Duration pending) {
    }

    private record Rule(String name, String severity, long threshold, ToLongFunction<IndexingSample> value,
                        String firing, String resolved) {
        String summary(String template, long v) {
            return template.replace("{value}", Long.toString(v)).replace("{threshold}", Long.toString(threshold));
        }
    }

    /** Where a rule stands: pending since, or firing since (both null: quiet). */
    private static final class State {
        Instant pendingSince;
        Instant firingSince;
    }

    private final List<Rule> rules;
    private final Duration pending;
    private final Map<String, State> states = new LinkedHashMap<>();

    public AlertRules(Thresholds t, MeterRegistry meters) {
        this.pending = t.pending();
        long windowMinutes = Math.max(1, t.failingWindow().toMinutes());
        this.rules = List.of(
                new Rule("lag", "warning", t.maxLag(), s -> s.lag() == null ? Long.MIN_VALUE : s.lag(),
                        "the index is {value} heights behind the head (more than {threshold})",
                        "the index is {value} heights behind the head (at most {threshold})"),
                new Rule("gaps", "warning", t.maxGaps(), IndexingSample::gaps,
                        "{value} heights are missing or failed (more than {threshold})",
                        "{value} heights are missing or failed (at most {threshold})"),
                new Rule("failing-heights", "warning", t.maxFailing(), IndexingSample::failing,
                        "{value} heights failed in the last " + windowMinutes + " min (more than {threshold})",
                        "{value} heights failed in the last " + windowMinutes + " min (at most {threshold})"),
                new Rule("follow-stalled", "critical", t.stallAfter().toSeconds(),
                        s -> s.following() ? s.stalledSeconds() : Long.MIN_VALUE,
                        "follow runs but the indexed height has not advanced for {value} s (more than {threshold} s)",
                        "the indexed height advances again"));
        for (Rule r : rules) {
            State state = new State();
            states.put(r.name(), state);
            Gauge.builder(Meters.ALERTS_FIRING, state, s -> s.firingSince == null ? 0 : 1)
                    .description("1 while the alert fires").tag("alert", r.name()).register(meters);
        }
    }

    /** The notices this sample causes: rules that start firing or that resolve; usually none. */
    public synchronized List<AlertNotice> evaluate(IndexingSample sample) {
        if (sample.error() != null) {
            return List.of();
        }
        Instant now = sample.at();
        List<AlertNotice> notices = new ArrayList<>();
        for (Rule rule : rules) {
            State state = states.get(rule.name());
            long value = rule.value().applyAsLong(sample);
            boolean holds = value != Long.MIN_VALUE && value > rule.threshold();
            if (holds && state.firingSince == null) {
                if (state.pendingSince == null) {
                    state.pendingSince = now;
                }
                if (!now.isBefore(state.pendingSince.plus(pending))) {
                    state.firingSince = now;
                    state.pendingSince = null;
                    notices.add(new AlertNotice(rule.name(), AlertNotice.FIRING, rule.severity(),
                            rule.summary(rule.firing(), value), value, rule.threshold(), now.toString(), null));
                }
            } else if (!holds) {
                state.pendingSince = null;
                if (state.firingSince != null) {
                    notices.add(new AlertNotice(rule.name(), AlertNotice.RESOLVED, rule.severity(),
                            rule.summary(rule.resolved(), Math.max(0, value)), Math.max(0, value), rule.threshold(),
                            state.firingSince.toString(), now.toString()));
                    state.firingSince = null;
                }
            }
        }
        for (AlertNotice n : notices) {
            if (n.status().equals(AlertNotice.FIRING)) {
                LOG.warn("Alert {} firing: {}", n.alert(), n.summary());
            } else {
                LOG.info("Alert {} resolved: {}", n.alert(), n.summary());
            }
        }
        return notices;
    }
}
