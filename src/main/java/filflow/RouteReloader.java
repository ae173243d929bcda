package filflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live reload of the route files in {@code ROUTES_DIR} ({@code ROUTES_RELOAD=true}). Before an edited
 * file replaces its routes it is parsed by the YAML loader and every endpoint it names must have a
 * component: a file that fails is rejected with one log line naming the file and the reason, and the
 * routes it would have replaced keep running. If applying a valid-looking file still fails, the last
 * version that worked is loaded again. Only the routes of the edited file are replaced.
 */
public final class RouteReloader extends RouteWatcherReloadStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(RouteReloader.class);

    /** The last content of each file that loaded, by location: what a failed reload goes back to. */
    private final Map<String, String> lastGood = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger rejected = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger reloaded = new java.util.concurrent.atomic.AtomicInteger();

    public RouteReloader(String directory, String pattern) {
        super(directory, false);
        setPattern(pattern);
        setRemoveAllRoutes(false);
    }

    /** Edited files that were rejected (or rolled back) since start. */
    public int rejections() {
        return rejected.get();
    }

    /** Successful reloads since start. */
    public int reloads() {
        return reloaded.get();
    }

    /** Remembers the files as loaded at start-up. */
    public void remember(Collection<Resource> resources) {
        for (Resource r : resources) {
            read(r).ifPresent(text -> lastGood.put(r.getLocation(), text));
        }
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        if (resources == null) {
            super.onRouteReload(null, removeEverything);
            return;
        }
        List<Resource> accepted = new ArrayList<>();
        for (Resource resource : resources) {
            String problem = problem(resource);
            if (problem == null) {
                accepted.add(resource);
            } else {
                rejected.incrementAndGet();
                LOG.error("Route file {} rejected, the routes it defines keep running unchanged: {}",
                        resource.getLocation(), problem);
            }
        }
        if (accepted.isEmpty()) {
            return;
        }
        try {
            super.onRouteReload(accepted, false);
            remember(accepted);
            reloaded.incrementAndGet();
            LOG.info("Route file(s) {} reloaded", accepted.stream().map(Resource::getLocation).toList());
        } catch (RuntimeException e) {
            rejected.incrementAndGet();
            LOG.error("Route file(s) {} failed to start ({}); going back to the last version that worked",
                    accepted.stream().map(Resource::getLocation).toList(), rootMessage(e));
            restore(accepted);
        }
    }

    /** Why the file cannot be loaded, or null when it parses and every endpoint has a component. */
    private String problem(Resource resource) {
        CamelContext context = getCamelContext();
        try {
            RoutesLoader loader = PluginHelper.getRoutesLoader(context);
            for (RoutesBuilder builder : loader.findRoutesBuilders(List.of(resource))) {
                if (builder instanceof RouteBuilder rb) {
                    for (RouteDefinition route : rb.configureRoutes(context).getRoutes()) {
                        String missing = missingComponent(context, route);
                        if (missing != null) {
                            return "route " + route.getRouteId() + ": " + missing;
                        }
                    }
                }
            }
            return null;
        } catch (Exception e) {
            return rootMessage(e);
        }
    }

    private static String missingComponent(CamelContext context, RouteDefinition route) {
        List<String> uris = new ArrayList<>();
        uris.add(route.getInput().getEndpointUri());
        for (ToDefinition to : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), ToDefinition.class)) {
            uris.add(to.getEndpointUri());
        }
        for (String uri : uris) {
            if (uri == null) {
                continue;
            }
            String resolved = context.resolvePropertyPlaceholders(uri);
            int colon = resolved.indexOf(':');
            String scheme = colon > 0 ? resolved.substring(0, colon) : resolved;
            if (context.getComponent(scheme, true) == null) {
                return "no component '" + scheme + "' for endpoint " + resolved + " (not on the classpath)";
            }
        }
        return null;
    }

    private void restore(List<Resource> failed) {
        List<Resource> previous = new ArrayList<>();
        for (Resource r : failed) {
            String text = lastGood.get(r.getLocation());
            if (text != null) {
                previous.add(ResourceHelper.fromString(r.getLocation(), text));
            }
        }
        try {
            PluginHelper.getRoutesLoader(getCamelContext()).updateRoutes(previous);
            LOG.info("Restored the routes of {}", previous.stream().map(Resource::getLocation).toList());
        } catch (Exception e) {
            LOG.error("Could not restore the routes of {}: {}", previous.stream().map(Resource::getLocation).toList(),
                    rootMessage(e));
        }
    }

    private static java.util.Optional<String> read(Resource r) {
        try (InputStream in = r.getInputStream()) {
            return java.util.Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder out = new StringBuilder(String.valueOf(t.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && !out.toString().contains(t.getMessage())) {
                out.append(": ").append(t.getMessage());
            }
        }
        return out.toString().replaceAll("\\s+", " ").trim();
    }
}
