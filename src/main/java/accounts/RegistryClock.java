package accounts;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The clock accounts read time from: a {@link Clock} bound as {@code accountsClock} when there is
 * one (tests bind a clock they move, so codes expire without sleeping), else the system's UTC clock.
 */
public final class RegistryClock extends Clock {
    private final Supplier<Clock> bound;

    public RegistryClock(Supplier<Clock> bound) {
        this.bound = bound;
    }

    private Clock current() {
        Clock c = bound.get();
        return c == null ? Clock.systemUTC() : c;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return current().withZone(zone);
    }

    @Override
    public Instant instant() {
        return current().instant();
    }
}
