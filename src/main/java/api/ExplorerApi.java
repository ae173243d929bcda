package api;

import accounts.Accounts;
import accounts.AccountsConfig;
import accounts.Database;
import accounts.Projects;
import accounts.RegistryClock;
import codec.address.Network;
import com.clickhouse.client.api.Client;
import history.LotusNodeStates;
import history.MismatchTable;
import history.StateVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import lotus.LotusClient;
import filflow.Settings;
import java.util.function.Supplier;
import jobs.IndexingJobs;
import org.apache.camel.CamelContext;
import rosetta.RosettaApi;
import storage.ClickHouseAccess;

/**
 * The API's shared services, built once from the application's beans: the query classes the
 * handler beans of {@code routes/api-*.camel.yaml} ({@link ChainEndpoints}, {@link SearchEndpoints},
 * {@link ContractEndpoints}, {@link OperationEndpoints}) answer with. Bound as {@code explorerApi} by
 * {@link ExplorerApiBinder}; ClickHouse and the jobs are looked up when a request needs them.
 */
public final class ExplorerApi {
    private final ActorDirectory actors;
    private final AddressReport addresses;
    private final ChainQueries chain;
    private final MessageQueries messages;
    private final MessageLists messageLists;
    private final ContractQueries contracts;
    private final Search search;
    private final Operations operations;
    private final ContractDevelopers developers;
    private final EtherscanApi etherscan;
    private final SourcifyApi sourcify;
    private final ResponseCache cache;
    private final RosettaApi rosetta;
    private final Accounts accounts;
    private final Projects projects;
    private final BalanceQueries balances;
    private final StateVerifier verifier;

    public ExplorerApi(SqlRows rows, ApiConfig config, Supplier<IndexingJobs> jobs) {
        this(rows, config, jobs, () -> null);
    }

    public ExplorerApi(SqlRows rows, ApiConfig config, Supplier<IndexingJobs> jobs,
                       Supplier<contracts.ContractTools> tools) {
        this(rows, config, jobs, tools, new Accounts(new Database(() -> null), java.time.Clock.systemUTC(),
                AccountsConfig.from(Settings.bundled())));
    }

    /** With the accounts capability (PostgreSQL): sign-in, keys, projects and the projects of contracts and search. */
    public ExplorerApi(SqlRows rows, ApiConfig config, Supplier<IndexingJobs> jobs,
                       Supplier<contracts.ContractTools> tools, Accounts accounts) {
        this(rows, config, jobs, tools, accounts, new StateAccess(() -> null, () -> null, () -> null));
    }

    /** What the state verification reaches besides the API's queries: the node, ClickHouse's writer, the meters. */
    public record StateAccess(Supplier<LotusClient> lotus, Supplier<Client> writer, Supplier<MeterRegistry> meters) {
    }

    /** With the state verification ({@code POST /admin/verify}, the {@code verify-state} job). */
    public ExplorerApi(SqlRows rows, ApiConfig config, Supplier<IndexingJobs> jobs,
                       Supplier<contracts.ContractTools> tools, Accounts accounts, StateAccess state) {
        actors = new ActorDirectory(rows, config.network());
        balances = new BalanceQueries(rows);
        addresses = new AddressReport(actors::find, config.network(), this::latestBalance);
        chain = new ChainQueries(rows, actors);
        messages = new MessageQueries(rows, actors);
        messageLists = new MessageLists(rows, actors, messages);
        contracts = new ContractQueries(rows, actors, messageLists);
        this.accounts = accounts;
        projects = new Projects(accounts, new IndexedContractAddresses(actors));
        search = new Search(rows, chain, messages, contracts, actors, addresses, projects);
        verifier = new StateVerifier(rows, balances, new LotusNodeStates(state.lotus()),
                new MismatchTable(state.writer(), rows), state.meters(), java.time.Clock.systemUTC());
        operations = new Operations(jobs, config.adminToken(), verifier, actors);
        developers = new ContractDevelopers(tools, actors, rows);
        etherscan = new EtherscanApi(developers);
        sourcify = new SourcifyApi(developers);
        cache = new ResponseCache(new Finality(rows, config.finalityEpochs()), config.cacheMaxBytes());
        rosetta = new RosettaApi(config.rosettaNetwork(), rows, actors, balances, this::syncTarget, "filflow "
                + java.util.Objects.requireNonNullElse(ExplorerApi.class.getPackage().getImplementationVersion(), "dev"));
    }

    /** Answers of final data from memory ({@link ResponseCache}), for the handler beans. */
    public ResponseCache cache() {
        return cache;
    }

    /**
     * Over the application's registry, with the settings {@link ExplorerApiBinder} read. ClickHouse,
     * PostgreSQL, the node, the jobs and the contract tools are looked up when a request needs them,
     * not here: this is built before the route files are read, and those beans are bound later
     * (the engines once they started, the jobs and tools when first asked for).
     */
    static ExplorerApi overRegistry(CamelContext context, ApiConfig config, AccountsConfig accountsConfig) {
        org.apache.camel.spi.Registry registry = context.getRegistry();
        Supplier<ClickHouseAccess> clickHouse = () -> {
            ClickHouseAccess access = registry.lookupByNameAndType("clickHouse", ClickHouseAccess.class);
            if (access == null) {
                throw ApiException.unavailable("ClickHouse is not configured");
            }
            return access;
        };
        SqlRows rows = new ClickHouseRows(() -> clickHouse.get().apiClient(), config.queryTimeoutMillis());
        Accounts signIn = new Accounts(
                new Database(() -> registry.lookupByNameAndType("postgresDataSource", javax.sql.DataSource.class)),
                new RegistryClock(() -> registry.lookupByNameAndType("accountsClock", java.time.Clock.class)),
                accountsConfig);
        return new ExplorerApi(rows, config,
                () -> registry.lookupByNameAndType("indexingJobs", IndexingJobs.class),
                () -> registry.lookupByNameAndType("contractTools", contracts.ContractTools.class), signIn,
                new StateAccess(() -> registry.lookupByNameAndType("lotusClient", LotusClient.class),
                        () -> clickHouse.get().client(),
                        () -> registry.lookupByNameAndType("meterRegistry", MeterRegistry.class)));
    }

    /** Sign-in, sessions, the account and its API keys (PostgreSQL; 503 without it). */
    public Accounts accounts() {
        return accounts;
    }

    public Projects projects() {
        return projects;
    }

    /** The projects listing a contract (by any form of its address); empty when accounts are not available. */
    public com.fasterxml.jackson.databind.node.ArrayNode projectsOf(String address) {
        try {
            IndexedContractAddresses forms = new IndexedContractAddresses(actors);
            return projects.listing(forms.resolve(address).actorId(), forms.forms(address));
        } catch (ApiException unavailable) {
            if (unavailable.status() != 503) {
                throw unavailable;
            }
            return ApiJson.MAPPER.createArrayNode();
        }
    }

    /** The state verification (docs/HISTORY.md): the {@code verify-state} job's bean {@code stateVerifier}. */
    public StateVerifier verifier() {
        return verifier;
    }

    /** Balances at any height from the state history (docs/HISTORY.md). */
    public BalanceQueries balances() {
        return balances;
    }

    /** The balance after the highest indexed height of an actor the history knows, else empty. */
    /** The height indexing heads for (head less confidence), as {@code /status} reports it; empty without a follow job. */
    private java.util.OptionalLong syncTarget() {
        try {
            com.fasterxml.jackson.databind.JsonNode s = operations.status();
            return s.path("head").isIntegralNumber()
                    ? java.util.OptionalLong.of(Math.max(0, s.path("head").asLong() - s.path("confidence").asLong()))
                    : java.util.OptionalLong.empty();
        } catch (ApiException e) {
            return java.util.OptionalLong.empty();
        }
    }

    private java.util.Optional<String> latestBalance(codec.address.Address address) {
        return actors.resolveId(address).flatMap(balances::latest).map(b -> b.balance().toString());
    }

    public ActorDirectory actors() {
        return actors;
    }

    public AddressReport addresses() {
        return addresses;
    }

    public ChainQueries chain() {
        return chain;
    }

    public MessageQueries messages() {
        return messages;
    }

    public MessageLists messageLists() {
        return messageLists;
    }

    public ContractQueries contracts() {
        return contracts;
    }

    public Search search() {
        return search;
    }

    public Operations operations() {
        return operations;
    }

    /** Verification, ABI, calls and the verified decorations of other answers (docs/CONTRACTS.md). */
    public ContractDevelopers developers() {
        return developers;
    }

    /** The Rosetta Data API under /rosetta (docs/ROSETTA.md). */
    public RosettaApi rosetta() {
        return rosetta;
    }

    public EtherscanApi etherscan() {
        return etherscan;
    }

    public SourcifyApi sourcify() {
        return sourcify;
    }
}
