package filflow;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolved configuration. In the application the lookup is Camel's properties component, so
 * the order is Camel's: overrides, environment variables, system properties, application.properties;
 * then the key's default.
 */
public final class Settings {
    private final Function<String, Optional<String>> lookup;

    public Settings(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** The value, or the key's default; null when neither is set. */
    public String get(ConfigKey key) {
        return find(key).orElse(null);
    }

    public Optional<String> find(ConfigKey key) {
        return lookup.apply(key.property()).map(String::trim).filter(value -> !value.isEmpty())
                .or(() -> Optional.ofNullable(key.defaultValue()));
    }

    public boolean isSet(ConfigKey key) {
        return find(key).isPresent();
    }

    public Path dataDir() {
        return Path.of(get(ConfigKey.DATA_DIR)).toAbsolutePath().normalize();
    }

    /**
     * Any property by name, for keys other capabilities read themselves (e.g. {@code lotus.read-timeout});
     * a {@link ConfigKey}'s property falls back to its default. Null when unset.
     */
    public String propertyOrDefault(String name) {
        for (ConfigKey key : ConfigKey.values()) {
            if (key.property().equals(name)) {
                return get(key);
            }
        }
        return lookup.apply(name).orElse(null);
    }
}
