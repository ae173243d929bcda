package filflow;

import java.util.Locale;

/**
 * The application-wide settings: each is a property (application.properties, {@code -Dname=value})
 * and an environment variable. Unless given explicitly, the variable's name is the property's in
 * upper case with dots and dashes as underscores, the rule by which Camel lets environment
 * variables override properties; a key with another variable name must read it in
 * application.properties as {@code {{env:NAME:default}}}. docs/CONFIGURATION.md is generated from
 * these keys and every setting application.properties declares must be one (ConfigurationDocsTest).
 * Capabilities add their keys in their own block.
 */
public enum ConfigKey {
    // --- engines (embedded when unset) ---
    CLICKHOUSE_URL("clickhouse.url", null,
            "ClickHouse HTTP endpoint, e.g. `http://clickhouse:8123`; unset: embedded chDB engine"),
    CLICKHOUSE_USER("clickhouse.user", "default", "ClickHouse user"),
    CLICKHOUSE_PASSWORD("clickhouse.password", "", "ClickHouse password"),
    CLICKHOUSE_DATABASE("clickhouse.database", "default", "ClickHouse database holding filflow's tables"),
    CLICKHOUSE_QUERY_TIMEOUT_SECONDS("clickhouse.query-timeout-seconds", "300",
            "deadline the server enforces on each indexing, jobs and listener query (`max_execution_time`)"),
    CLICKHOUSE_API_MAX_CONNECTIONS("clickhouse.api.max-connections", "4",
            "connections the API holds at most; its pool is separate from indexing's"),
    KAFKA_BROKERS("kafka.brokers", null, "Kafka bootstrap servers; unset: embedded KRaft broker"),
    POSTGRES_URL("postgres.url", null,
            "PostgreSQL JDBC URL, e.g. `jdbc:postgresql://postgres:5432/filflow`; unset: embedded PostgreSQL"),
    POSTGRES_USER("postgres.user", "postgres", "PostgreSQL user"),
    POSTGRES_PASSWORD("postgres.password", "", "PostgreSQL password"),
    CHDB_LIBRARY("chdb.library", null,
            "path of libchdb.so for the embedded engine; unset: the cache `bin/fetch-chdb` fills"),
    // --- Lotus ---
    LOTUS_URL("lotus.url", "https://api.node.glif.io/rpc/v1",
            "Lotus JSON-RPC endpoint; the default is Glif's public mainnet node (no `StateCompute`)"),
    LOTUS_TOKEN("lotus.token", null, "Lotus API token (bearer), if the node needs one; never logged"),
    LOTUS_CONNECT_TIMEOUT("lotus.connect-timeout", "5s", "TCP connect timeout"),
    LOTUS_READ_TIMEOUT("lotus.read-timeout", "60s", "longest wait for the next bytes of an answer"),
    LOTUS_MAX_RETRIES("lotus.max-retries", "3", "retries after a transient failure (0: none)"),
    LOTUS_BACKOFF_INITIAL("lotus.backoff-initial", "200ms", "first retry delay, doubled each retry"),
    LOTUS_BACKOFF_MAX("lotus.backoff-max", "5s", "longest retry delay"),
    LOTUS_SYNC_TOLERANCE("lotus.sync-tolerance", "90s", "the node counts as out of sync when its head is older"),
    LOTUS_NETWORK("lotus.network", "f", "address prefix written into requests and answers: `f` (mainnet) or `t` (test networks)"),
    // --- the application ---
    DATA_DIR("data.dir", "./data", "where embedded engines and the file archive keep their data"),
    ENGINE_RESTART_ATTEMPTS("engine.restart-attempts", "5",
            "tries to restart an embedded engine whose process died (backoff 1 s to 30 s); then filflow exits"),
    HTTP_PORT("http.port", "8080", "port of the explorer API"),
    MANAGEMENT_PORT("management.port", "9876", "port of health (`/observe/health`) and metrics (`/observe/metrics`)"),
    MANAGEMENT_HOST("management.host", "127.0.0.1",
            "interface of the management port; loopback unless health and metrics must be reached from elsewhere"),
    HTTP_MAX_BODY_BYTES("http.max-body-bytes", "262144",
            "largest request body the API takes; larger ones are refused (413) as they arrive"),
    ADMIN_TOKEN("admin.token", null, "bearer token for admin endpoints; unset: admin endpoints disabled"),
    API_CORS_ORIGINS("api.cors-origins", null,
            "origins allowed to call the API from a browser (comma-separated, or `*`); unset: same origin only"),
    // --- the flow: where routes come from (docs/FLOW.md) ---
    ROUTES_DIR("filflow.routes.dir", "ROUTES_DIR", null,
            "folder of YAML routes (`*.camel.yaml`) and Kamelets (`kamelets/`) used instead of the built-in ones"),
    ROUTES_RELOAD("filflow.routes.reload", "ROUTES_RELOAD", "false",
            "with `ROUTES_DIR`: reload an edited route file live; an invalid one is rejected, the running routes stay"),
    // --- explorer API (speed) ---
    API_CACHE_MAX_MB("api.cache.max-mb", "64",
            "memory for answers of final chain data (tipsets, blocks, messages older than the finality); 0: off"),
    API_CACHE_FINALITY("api.cache.finality", "900",
            "epochs below the highest indexed tipset from which data is final: cached, `Cache-Control: immutable`"),
    API_MAX_IN_FLIGHT("api.max-in-flight", "32",
            "API requests taken at once; one more is answered 503 `OVERLOADED` with `Retry-After` at once"),
    API_QUEUE_DEADLINE_MS("api.queue-deadline-ms", "2000",
            "an API request that waited longer than this for a worker is answered 503 instead of executed"),
    // --- indexing jobs and the work queue (jobs) ---
    FILFLOW_HEIGHTS_TOPIC("filflow.heights.topic", "filflow.heights",
            "Kafka topic of the heights to index (the work queue)"),
    FILFLOW_HEIGHTS_PARTITIONS("filflow.heights.partitions", "8",
            "partitions of the heights topic when filflow creates it (the most instances that share work)"),
    FILFLOW_HEIGHTS_REPLICATION_FACTOR("filflow.heights.replication-factor", "1",
            "replication factor of the heights topic when filflow creates it"),
    FILFLOW_HEIGHTS_GROUP("filflow.heights.group", "filflow-indexer",
            "consumer group of the indexer"),
    FILFLOW_HEIGHTS_CONSUMERS("filflow.heights.consumers", "1",
            "indexer consumer threads per instance"),
    FILFLOW_HEIGHTS_MAX_POLL_RECORDS("filflow.heights.max-poll-records", "20",
            "heights handed to the pipeline per batch"),
    FILFLOW_HEIGHTS_POLL_TIMEOUT_MS("filflow.heights.poll-timeout-ms", "1000",
            "longest wait for a batch"),
    FILFLOW_HEIGHTS_SESSION_TIMEOUT_MS("filflow.heights.session-timeout-ms", "45000",
            "how soon a dead instance's partitions move to the others"),
    FILFLOW_INDEX_RETRY_ATTEMPTS("filflow.index.retry.attempts", "3",
            "attempts per height before it is reported as a gap"),
    FILFLOW_INDEX_RETRY_BACKOFF_MS("filflow.index.retry.backoff-ms", "1000",
            "first backoff between attempts, doubled each time"),
    FILFLOW_INDEX_RETRY_MAX_BACKOFF_MS("filflow.index.retry.max-backoff-ms", "60000",
            "longest backoff while a whole batch cannot be written"),
    FILFLOW_INDEX_HEIGHT_TIMEOUT_MS("filflow.index.height-timeout-ms", "300000",
            "longest a height may take to fetch, extract and archive; then it fails (retried, then a gap)"),
    FILFLOW_INDEX_CAPABILITY_RECHECK_MS("filflow.index.capability-recheck-ms", "60000",
            "after the node refuses StateCompute or an events method, how long heights go without it before it is asked again"),
    FILFLOW_HEIGHTS_MAX_POLL_INTERVAL_MS("filflow.heights.max-poll-interval-ms", "",
            "the indexer's Kafka max.poll.interval.ms; blank: derived from the batch's worst case"),
    FILFLOW_JOBS_IN_FLIGHT("filflow.jobs.in-flight", "200",
            "most heights queued and not yet indexed (follow and walk top up to this)"),
    FILFLOW_JOBS_FOLLOW_ENABLED("filflow.jobs.follow.enabled", "true",
            "run the follow job"),
    FILFLOW_JOBS_FOLLOW_PERIOD_MS("filflow.jobs.follow.period-ms", "10000",
            "how often follow polls the head"),
    FILFLOW_JOBS_FOLLOW_CONFIDENCE("filflow.jobs.follow.confidence", "5",
            "heights follow stays behind the head"),
    FILFLOW_JOBS_FOLLOW_START_HEIGHT("filflow.jobs.follow.start-height", "-1",
            "first height of a new deployment; -1: the head"),
    FILFLOW_JOBS_FOLLOW_REORG_WINDOW("filflow.jobs.follow.reorg-window", "20",
            "heights below the follow cursor checked for a changed tipset"),
    FILFLOW_JOBS_WALK_RANGE("filflow.jobs.walk.range", "",
            "a walk `from..to` registered at start-up; blank: none"),
    FILFLOW_JOBS_WALK_IN_FLIGHT("filflow.jobs.walk.in-flight", "150",
            "most heights of walks queued and not yet indexed; the rest of `filflow.jobs.in-flight` is follow's, so it stays near the head during a backfill"),
    FILFLOW_JOBS_WALK_PERIOD_MS("filflow.jobs.walk.period-ms", "1000",
            "how often walks top up the queue"),
    FILFLOW_JOBS_INDEX_HEIGHTS("filflow.jobs.index.heights", "",
            "heights `h1,h2,...` enqueued at every start-up; blank: none"),
    FILFLOW_JOBS_GAPS_ENABLED("filflow.jobs.gaps.enabled", "true",
            "run the gaps job"),
    FILFLOW_JOBS_GAPS_PERIOD_MS("filflow.jobs.gaps.period-ms", "60000",
            "how often the gaps job looks"),
    FILFLOW_JOBS_GAPS_MAX_PER_RUN("filflow.jobs.gaps.max-per-run", "10000",
            "most gaps re-enqueued per run"),
    FILFLOW_VERIFY_ENABLED("filflow.verify.enabled", "false",
            "run the state verification job (indexed balances and nonces against the node's `StateGetActor`)"),
    FILFLOW_VERIFY_PERIOD_MS("filflow.verify.period-ms", "600000", "how often the state verification job runs"),
    FILFLOW_VERIFY_WINDOW("filflow.verify.window", "2880",
            "the state verification job samples the highest this many indexed heights"),
    FILFLOW_VERIFY_SAMPLE("filflow.verify.sample", "50", "(actor, tipset) pairs each state verification run compares"),
    // --- per-height pipeline (pipeline) ---
    FILFLOW_PIPELINE_FETCH_PARALLELISM("filflow.pipeline.fetch-parallelism", "4",
            "heights fetched, extracted and archived at once"),
    FILFLOW_PIPELINE_BATCH_MESSAGES("filflow.pipeline.batch.messages", "20000", "rows per insert into `messages`"),
    FILFLOW_PIPELINE_BATCH_SUBCALLS("filflow.pipeline.batch.subcalls", "50000", "rows per insert into `subcalls`"),
    FILFLOW_PIPELINE_BATCH_EVENTS("filflow.pipeline.batch.events", "20000", "rows per insert into `events`"),
    FILFLOW_PIPELINE_BATCH_BLOCKS("filflow.pipeline.batch.blocks", "20000",
            "rows per insert into `blocks` and `block_messages`"),
    FILFLOW_PIPELINE_BATCH_ACTORS("filflow.pipeline.batch.actors", "50000",
            "rows per insert into `actors` and `address_sightings`"),
    FILFLOW_PIPELINE_BATCH_CREATIONS("filflow.pipeline.batch.creations", "5000", "rows per insert into `creations`"),
    FILFLOW_PIPELINE_BATCH_LOOKUPS("filflow.pipeline.batch.lookups", "50000",
            "rows per insert into `cid_lookup` and `address_messages`"),
    FILFLOW_PIPELINE_INSERT_TIMEOUT_SECONDS("filflow.pipeline.insert-timeout-seconds", "120",
            "longest wait for one ClickHouse insert"),
    FILFLOW_PIPELINE_HEIGHT_ROWS_IN_MEMORY("filflow.pipeline.height.rows-in-memory", "10000",
            "most rows one height holds in memory; beyond, they are inserted as the height is extracted"),
    FILFLOW_PIPELINE_ADDRESS_CACHE_SIZE("filflow.pipeline.address-cache-size", "200000",
            "entries of the address -> actor ID cache"),
    FILFLOW_PIPELINE_NEW_CONTRACT_TOPIC("filflow.pipeline.new-contract.topic", "new_contract",
            "Kafka topic announcing contract creations"),
    FILFLOW_PIPELINE_NEW_CONTRACT_PARTITIONS("filflow.pipeline.new-contract.partitions", "3",
            "partitions of the new_contract topic when filflow creates it"),
    FILFLOW_PIPELINE_NEW_CONTRACT_REPLICATION_FACTOR("filflow.pipeline.new-contract.replication-factor", "1",
            "replication factor of the new_contract topic when filflow creates it"),
    FILFLOW_PIPELINE_ARCHIVE_ENABLED("filflow.pipeline.archive.enabled", "true", "write the file archive"),
    FILFLOW_PIPELINE_ARCHIVE_DIR("filflow.pipeline.archive.dir", "./data/archive",
            "root of the file archive (default `DATA_DIR/archive`)"),
    // --- new-contract listener ---
    FILFLOW_CONTRACTS_ENABLED("filflow.contracts.enabled", "true", "run the new-contract listener"),
    FILFLOW_CONTRACTS_TOPIC("filflow.contracts.topic", "{{filflow.pipeline.new-contract.topic}}",
            "topic the listener consumes (the pipeline's creations topic)"),
    FILFLOW_CONTRACTS_GROUP("filflow.contracts.group", "filflow-contracts", "the listener's consumer group"),
    FILFLOW_CONTRACTS_DLQ_TOPIC("filflow.contracts.dlq-topic", "new_contract.dlq",
            "dead-letter topic for records that are not contracts (error in headers)"),
    FILFLOW_CONTRACTS_MAX_POLL_RECORDS("filflow.contracts.max-poll-records", "50", "records per poll"),
    FILFLOW_CONTRACTS_POLL_TIMEOUT_MS("filflow.contracts.poll-timeout-ms", "1000", "longest wait of one poll"),
    FILFLOW_CONTRACTS_RETRY_BACKOFF_MS("filflow.contracts.retry.backoff-ms", "500",
            "first retry delay when Lotus or ClickHouse fails (doubles each time, retried without end)"),
    FILFLOW_CONTRACTS_RETRY_MAX_BACKOFF_MS("filflow.contracts.retry.max-backoff-ms", "60000", "longest retry delay"),
    FILFLOW_CONTRACTS_RETRY_MAX_ATTEMPTS("filflow.contracts.retry.max-attempts", "10",
            "attempts for a record whose resolution fails for a non-transient reason, then dead-lettered"),
    FILFLOW_CONTRACTS_INSERT_TIMEOUT_SECONDS("filflow.contracts.insert-timeout-seconds", "60",
            "longest wait for one contracts insert"),
    // --- contracts for developers: verification, ABI, calls ---
    FILFLOW_CONTRACTS_COMPILER_WORKERS("filflow.contracts.compiler.workers", "2",
            "Node.js compiler worker processes (= verifications compiling at once)"),
    FILFLOW_CONTRACTS_COMPILER_QUEUE("filflow.contracts.compiler.queue", "16",
            "verifications waiting for a worker before new ones get 429 with Retry-After"),
    FILFLOW_CONTRACTS_COMPILER_TIMEOUT_SECONDS("filflow.contracts.compiler.timeout-seconds", "120",
            "longest compile; the worker is then killed and replaced"),
    FILFLOW_CONTRACTS_COMPILER_NODE("filflow.contracts.compiler.node", "node", "the Node.js executable the workers run on"),
    FILFLOW_CONTRACTS_MAX_SOURCE_BYTES("filflow.contracts.max-source-bytes", "10485760",
            "largest verification upload (sources, standard JSON or build info), bytes"),
    FILFLOW_CONTRACTS_CHAIN_ID("filflow.contracts.chain-id", null,
            "EVM chain id of the followed network; unset: 314 for lotus.network f, 314159 for t"),
    // --- observing: metrics sampling, walk progress, alerts (docs/OPERATING.md) ---
    FILFLOW_OBSERVE_SAMPLE_PERIOD_MS("filflow.observe.sample-period-ms", "15000",
            "how often the indexing gauges (head, lag, gaps, queue depth) are sampled and the alerts evaluated"),
    FILFLOW_OBSERVE_PROGRESS_PERIOD_MS("filflow.observe.progress-period-ms", "5000",
            "how often the log prints a progress line per unfinished walk"),
    ALERT_WEBHOOK_URL("filflow.alerts.webhook-url", "ALERT_WEBHOOK_URL", null,
            "alerts are POSTed here as JSON (firing, then resolved); unset: no webhook; never logged"),
    FILFLOW_ALERTS_TOPIC("filflow.alerts.topic", "",
            "Kafka topic alerts are also sent to (key: the alert's name); blank: none"),
    FILFLOW_ALERTS_PENDING_MS("filflow.alerts.pending-ms", "60000",
            "a condition must hold this long before its alert fires (and is sent once)"),
    FILFLOW_ALERTS_MAX_LAG("filflow.alerts.max-lag", "30",
            "alert `lag` fires when the indexed height is more heights than this behind the head"),
    FILFLOW_ALERTS_MAX_GAPS("filflow.alerts.max-gaps", "0",
            "alert `gaps` fires when more heights than this are missing or failed"),
    FILFLOW_ALERTS_MAX_FAILING("filflow.alerts.max-failing", "0",
            "alert `failing-heights` fires when more heights than this failed within the failing window"),
    FILFLOW_ALERTS_FAILING_WINDOW_MS("filflow.alerts.failing-window-ms", "900000",
            "window of alert `failing-heights`"),
    FILFLOW_ALERTS_STALL_AFTER_MS("filflow.alerts.stall-after-ms", "600000",
            "alert `follow-stalled` fires when follow runs and the indexed height has not advanced for this long"),
    // --- the demo (profile demo, bin/demo) ---
    FILFLOW_DEMO_ENABLED("filflow.demo.enabled", "false",
            "follow an in-process synthetic chain replayed from the recordings instead of `LOTUS_URL` (the demo profile sets it)"),
    FILFLOW_DEMO_FIXTURES("filflow.demo.fixtures", "fixtures/lotus/mainnet", "recordings the demo chain cycles"),
    FILFLOW_DEMO_FROM_HEIGHT("filflow.demo.from-height", "5000000", "first height of the demo chain (follow starts there)"),
    FILFLOW_DEMO_GROW_EVERY_MS("filflow.demo.grow-every-ms", "5000", "the demo chain grows one height this often"),
    FILFLOW_DEMO_REORG_EVERY_MS("filflow.demo.reorg-every-ms", "60000", "a reorg this often (0: none)"),
    FILFLOW_DEMO_REORG_DEPTH("filflow.demo.reorg-depth", "2", "tipsets each demo reorg replaces"),
    // --- Rosetta Data API (docs/ROSETTA.md) ---
    ROSETTA_NETWORK("rosetta.network", null,
            "network the Rosetta API names: `mainnet` or `calibrationnet`; unset: mainnet for lotus.network f, calibrationnet for t"),
    // --- accounts, sign-in mail and projects (accounts; docs/ACCOUNTS.md) ---
    SMTP_URL("smtp.url", null,
            "SMTP server for sign-in mail, e.g. `smtp://mail.example.org:587` or `smtps://…:465`; unset: each mail is written as an `.eml` file to `DATA_DIR/outbox/` and logged"),
    SMTP_USER("smtp.user", null, "SMTP user, if the server needs one"),
    SMTP_PASSWORD("smtp.password", null, "SMTP password; never logged"),
    SMTP_FROM("smtp.from", "filflow <no-reply@localhost>", "sender of sign-in mail"),
    ACCOUNTS_BASE_URL("accounts.base-url", "http://localhost:8080", "the explorer's address the mailed sign-in link points to"),
    ACCOUNTS_SESSION_HOURS("accounts.session-hours", "720", "how long a session token is good for, hours"),
    ACCOUNTS_LIMIT_WINDOW_MINUTES("accounts.limit.window-minutes", "15", "window of the sign-in rate limits, minutes"),
    ACCOUNTS_LIMIT_LOGIN_PER_EMAIL("accounts.limit.login-per-email", "5", "sign-in mails per email and window; more get 429"),
    ACCOUNTS_LIMIT_LOGIN_PER_CLIENT("accounts.limit.login-per-client", "30", "sign-in requests per client address and window"),
    ACCOUNTS_LIMIT_VERIFY_PER_EMAIL("accounts.limit.verify-per-email", "10", "code checks per email and window"),
    ACCOUNTS_LIMIT_VERIFY_PER_CLIENT("accounts.limit.verify-per-client", "60", "code and link checks per client address and window"),
    ACCOUNTS_MAX_PROJECTS("accounts.max-projects", "100", "projects an account may own"),
    ACCOUNTS_MAX_KEYS("accounts.max-keys", "20", "API keys an account may hold (not revoked)"),
    ACCOUNTS_MAX_CONTRACTS_PER_PROJECT("accounts.max-contracts-per-project", "500", "contracts one project may list"),
    ACCOUNTS_MAIL_PERIOD_MS("accounts.mail.period-ms", "1000", "how often the outbox is sent"),
    ACCOUNTS_MAIL_MAX_ATTEMPTS("accounts.mail.max-attempts", "8", "sends of one mail before it is marked dead"),
    ACCOUNTS_MAIL_BACKOFF_MS("accounts.mail.backoff-ms", "5000", "first delay after a failed send, doubled each time"),
    // --- explorer API ---
    API_QUERY_TIMEOUT_MS("api.query-timeout-ms", "10000", "longest wait for one ClickHouse query before a 503");

    private final String property;
    private final String env;
    private final String defaultValue;
    private final String description;

    ConfigKey(String property, String defaultValue, String description) {
        this(property, property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), defaultValue,
                description);
    }

    ConfigKey(String property, String env, String defaultValue, String description) {
        this.property = property;
        this.env = env;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String property() {
        return property;
    }

    public String env() {
        return env;
    }

    /** The value used when neither property nor variable is set; null means "not set". */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
