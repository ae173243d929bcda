package filflow;

import org.apache.camel.support.service.ServiceSupport;

/** Ties the engines to the CamelContext's life: they stop after the routes when it shuts down. */
final class EnginesService extends ServiceSupport {
    private final Engines engines;
    private final EngineSupervisor supervisor;

    EnginesService(Engines engines, EngineSupervisor supervisor) {
        this.engines = engines;
        this.supervisor = supervisor;
    }

    Engines engines() {
        return engines;
    }

    @Override
    protected void doStop() {
        // an orderly stop is not a death: nothing may restart the engines while they stop
        supervisor.close();
        engines.close();
    }
}
