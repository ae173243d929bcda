package routes;

import org.apache.camel.builder.RouteConfigurationBuilder;

/** A failed job tick is recorded for the status endpoint and logged; the next tick tries again. */
public class JobsErrorsConfiguration extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        routeConfiguration("jobs-errors")
                .onException(Exception.class)
                    .handled(true)
                    .bean("indexingJobs", "jobFailed(${fromRouteId}, ${exception})");
    }
}
