package filflow;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Resolved configuration. In the application the lookup is Camel's properties component, so
 * the order is Camel's: overrides, environment variables, system properties, application.properties
 * (where every key's default is). A blank value is unset.
 */
public final class Settings {
    private final Function<String, Optional<String>> lookup;

    public Settings(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /**
     * The bundled application.properties as Camel resolves it, for code that runs without the
     * application's context (its defaults, or the environment's overrides).
     */
    public static Settings bundled() {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        return new Settings(context.getPropertiesComponent()::resolveProperty);
    }

    /** {@code given} first, then {@link #bundled()}. */
    public static Settings bundledWith(Map<String, String> given) {
        Settings bundled = bundled();
        return new Settings(name -> Optional.ofNullable(given.get(name)).or(() -> bundled.lookup.apply(name)));
    }

    /** The value; null when unset. */
    public String get(ConfigKey key) {
        return find(key).orElse(null);
    }

    public Optional<String> find(ConfigKey key) {
        return find(key.property());
    }

    public boolean isSet(ConfigKey key) {
        return find(key).isPresent();
    }

    public Path dataDir() {
        return Path.of(get(ConfigKey.DATA_DIR)).toAbsolutePath().normalize();
    }

    /** Any property by name, for keys other capabilities read themselves (e.g. {@code lotus.read-timeout}); null when unset. */
    public String propertyOrDefault(String name) {
        return find(name).orElse(null);
    }

    private Optional<String> find(String property) {
        return lookup.apply(property).map(String::trim).filter(value -> !value.isEmpty());
    }
}
