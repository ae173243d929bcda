package filflow;

import lotus.LotusClient;
import lotus.LotusException;
import lotus.LotusMethodNotAvailableException;
import lotus.LotusRpcException;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * What a person starting filflow needs to read once it is up: which Lotus node it follows and in
 * which mode, and the URLs to open. (Each engine logs its own line as it starts, see {@link Engines}.)
 */
final class StartupReport implements StartupListener {
    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);

    private final LotusClient lotus;
    private final Settings settings;

    /** {@code lotus} should be a client without retries and with short timeouts. */
    StartupReport(LotusClient lotus, Settings settings) {
        this.lotus = lotus;
        this.settings = settings;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // nothing before the routes and servers are up
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        LOG.info(lotusLine());
        LOG.info("open: {}", String.join("  ", urls(settings)));
    }

    /** The effective Lotus endpoint, whether it answers, and full or degraded mode. */
    String lotusLine() {
        String url = lotus.config().url().toString();
        String version;
        try {
            version = lotus.version().version();
        } catch (LotusException e) {
            return "Lotus " + url + ": unreachable (" + e.getMessage() + "). filflow runs without it: "
                    + "/observe/health shows Lotus DOWN and the jobs index nothing until the node answers; "
                    + "set LOTUS_URL to a reachable node";
        }
        return switch (stateCompute()) {
            case AVAILABLE -> "Lotus " + url + " (" + version + "): has StateCompute, full mode "
                    + "(sub-calls, implicit messages, gas outputs)";
            case MISSING -> "Lotus " + url + " (" + version + "): no StateCompute, degraded mode (no sub-calls, "
                    + "implicit messages or gas outputs); point LOTUS_URL at your own node for full mode";
            case UNKNOWN -> "Lotus " + url + " (" + version + "): could not tell whether it has StateCompute; "
                    + "the first indexed height will say";
        };
    }

    enum StateCompute { AVAILABLE, MISSING, UNKNOWN }

    /**
     * Asks for StateCompute with an argument no node accepts, so nothing is computed: a node that
     * has the method rejects the argument, a gateway without it says the method is not available.
     */
    StateCompute stateCompute() {
        try {
            lotus.call("Filecoin.StateCompute", parser -> null, "filflow-probe");
            return StateCompute.AVAILABLE;
        } catch (LotusMethodNotAvailableException e) {
            return StateCompute.MISSING;
        } catch (LotusRpcException e) {
            return StateCompute.AVAILABLE;
        } catch (LotusException e) {
            return StateCompute.UNKNOWN;
        }
    }

    static List<String> urls(Settings settings) {
        String api = "http://localhost:" + settings.get(ConfigKey.HTTP_PORT);
        String management = "http://localhost:" + settings.get(ConfigKey.MANAGEMENT_PORT);
        return List.of("explorer " + api + "/", "API " + api + "/api/v1/", "status " + api + "/api/v1/status",
                "OpenAPI " + api + "/api/v1/openapi.json", "health " + management + "/observe/health",
                "metrics " + management + "/observe/metrics");
    }
}
