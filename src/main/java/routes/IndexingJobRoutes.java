package routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * The jobs that feed the work queue: follow the head, walk ranges, fill gaps — each a timer calling
 * {@code indexingJobs} — plus the jobs named in configuration, started once at start-up.
 * Failures of a tick are handled by route configuration {@code jobs-errors}.
 */
public class IndexingJobRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:follow-chain?delay={{filflow.jobs.follow.period-ms}}&period={{filflow.jobs.follow.period-ms}}")
                .routeId("follow-chain")
                .routeConfigurationId("jobs-errors")
                .autoStartup("{{filflow.jobs.follow.enabled}}")
                .bean("indexingJobs", "runFollow");

        from("timer:walk-ranges?period={{filflow.jobs.walk.period-ms}}")
                .routeId("walk-ranges")
                .routeConfigurationId("jobs-errors")
                .bean("indexingJobs", "runWalk");

        from("timer:fill-gaps?delay={{filflow.jobs.gaps.period-ms}}&period={{filflow.jobs.gaps.period-ms}}")
                .routeId("fill-gaps")
                .routeConfigurationId("jobs-errors")
                .autoStartup("{{filflow.jobs.gaps.enabled}}")
                .bean("indexingJobs", "runGaps");

        from("timer:configured-jobs?repeatCount=1")
                .routeId("configured-jobs")
                .routeConfigurationId("jobs-errors")
                .bean("indexingJobs", "startConfigured('{{filflow.jobs.walk.range}}', '{{filflow.jobs.index.heights}}')");
    }
}
