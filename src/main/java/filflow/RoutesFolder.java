package filflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the YAML routes and Kamelets come from. Unset {@code ROUTES_DIR}: the built-in ones on the
 * classpath. Set: the {@code *.camel.yaml} files of that folder instead, and Kamelets from its
 * {@code kamelets/} subfolder before the built-in ones; with {@code ROUTES_RELOAD=true} an edited file
 * is reloaded live by {@link RouteReloader}.
 */
public final class RoutesFolder extends MainListenerSupport {
    private static final Logger LOG = LoggerFactory.getLogger(RoutesFolder.class);
    static final String PATTERN = "*.camel.yaml";

    private Path folder;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent props = main.getCamelContext().getPropertiesComponent();
        Settings settings = new Settings(props::resolveProperty);
        folder = settings.find(ConfigKey.ROUTES_DIR).map(d -> Path.of(d).toAbsolutePath().normalize()).orElse(null);
        if (folder == null) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(ConfigKey.ROUTES_DIR.env() + "=" + folder + " is not a folder");
        }
        props.addOverrideProperty("camel.main.routes-include-pattern", "file:" + folder + "/" + PATTERN);
        props.addOverrideProperty("camel.component.kamelet.location",
                "file:" + folder.resolve("kamelets") + ",classpath:kamelets");
        LOG.info("Routes from {} ({}), Kamelets from {} then the built-in ones", folder, PATTERN,
                folder.resolve("kamelets"));
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        if (folder == null) {
            return;
        }
        Settings settings = new Settings(main.getCamelContext().getPropertiesComponent()::resolveProperty);
        if (!Boolean.parseBoolean(settings.get(ConfigKey.ROUTES_RELOAD))) {
            return;
        }
        RouteReloader reloader = new RouteReloader(folder.toString(), PATTERN);
        reloader.remember(files(main));
        try {
            main.getCamelContext().addService(reloader);
        } catch (Exception e) {
            throw new IllegalStateException("cannot watch " + folder + " for route changes", e);
        }
        LOG.info("Live reload of {}: an edited route file replaces its routes; an invalid one is rejected", folder);
    }

    private List<Resource> files(BaseMainSupport main) {
        List<Resource> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            list.filter(p -> p.getFileName().toString().endsWith(".camel.yaml"))
                    .forEach(p -> out.add(ResourceHelper.resolveResource(main.getCamelContext(), "file:" + p)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + folder, e);
        }
        return out;
    }
}
