package filflow;

import org.apache.camel.support.service.ServiceSupport;

/** Ties the engines to the CamelContext's life: they stop after the routes when it shuts down. */
final class EnginesService extends ServiceSupport {
    private final Engines engines;

    EnginesService(Engines engines) {
        this.engines = engines;
    }

    Engines engines() {
        return engines;
    }

    @Override
    protected void doStop() {
        engines.close();
    }
}
