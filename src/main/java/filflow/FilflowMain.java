package filflow;

import org.apache.camel.main.Main;

/** Starts filflow: camel-main with {@link FilflowConfiguration} and the routes of package {@code routes}. */
public final class FilflowMain {
    private FilflowMain() {
    }

    public static void main(String[] args) throws Exception {
        create().run(args);
    }

    /** The configured, not yet started application (also used by tests). */
    public static Main create() {
        Main main = new Main(FilflowMain.class);
        main.addMainListener(new RoutesFolder());
        main.addMainListener(new EffectiveConfiguration());
        main.addMainListener(new api.ExplorerApiBinder());
        main.configure().addConfiguration(FilflowConfiguration.class);
        main.configure().addConfiguration(pipeline.PipelineConfiguration.class);
        main.configure().addConfiguration(jobs.JobsConfiguration.class);
        main.configure().addConfiguration(contracts.ContractsConfiguration.class);
        main.configure().addConfiguration(accounts.AccountsConfiguration.class);
        main.configure().addConfiguration(monitor.MonitorConfiguration.class);
        return main;
    }
}
