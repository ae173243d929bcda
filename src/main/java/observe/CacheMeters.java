package observe;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes a Caffeine cache (built with {@code recordStats()}) as {@code filflow_cache_gets_total}
 * {cache, result=hit|miss} and {@code filflow_cache_size}{cache}; the hit rate is
 * {@code hit / (hit + miss)} of their rates.
 */
public final class CacheMeters {
    private CacheMeters() {
    }

    public static void register(MeterRegistry meters, String name, Cache<?, ?> cache) {
        FunctionCounter.builder(Meters.CACHE_GETS, cache, c -> c.stats().hitCount())
                .description("cache lookups").tag("cache", name).tag("result", "hit").register(meters);
        FunctionCounter.builder(Meters.CACHE_GETS, cache, c -> c.stats().missCount())
                .description("cache lookups").tag("cache", name).tag("result", "miss").register(meters);
        Gauge.builder(Meters.CACHE_SIZE, cache, Cache::estimatedSize)
                .description("entries held").tag("cache", name).register(meters);
    }
}
