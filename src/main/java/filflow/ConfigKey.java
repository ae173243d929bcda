package filflow;

import java.util.Locale;

/**
 * The application-wide settings, by name: each is a property and an environment variable, with a
 * description. Its default lives in application.properties and only there (blank: unset), where
 * Camel's properties component reads it. Unless given explicitly, the variable's name is the
 * property's in upper case with dots and dashes as underscores, the rule by which Camel lets
 * environment variables override properties; a key with another variable name must read it in
 * application.properties as {@code {{env:NAME:default}}}. docs/CONFIGURATION.md is generated from
 * these keys and application.properties; every key is set there and every setting there is a key
 * (ConfigurationDocsTest). Capabilities add their keys in their own block.
 */
public enum ConfigKey {
    // --- engines (embedded when unset) ---
    CLICKHOUSE_URL("clickhouse.url",
            "ClickHouse HTTP endpoint, e.g. `http://clickhouse:8123`; unset: embedded chDB engine"),
    CLICKHOUSE_USER("clickhouse.user", "ClickHouse user"),
    CLICKHOUSE_PASSWORD("clickhouse.password", "ClickHouse password"),
    CLICKHOUSE_DATABASE("clickhouse.database", "ClickHouse database holding filflow's tables"),
    CLICKHOUSE_QUERY_TIMEOUT_SECONDS("clickhouse.query-timeout-seconds",
            "deadline the server enforces on each indexing, jobs and listener query (`max_execution_time`)"),
    CLICKHOUSE_API_MAX_CONNECTIONS("clickhouse.api.max-connections",
            "connections the API holds at most; its pool is separate from indexing's"),
    KAFKA_BROKERS("kafka.brokers", "Kafka bootstrap servers; unset: embedded KRaft broker"),
    POSTGRES_URL("postgres.url",
            "PostgreSQL JDBC URL, e.g. `jdbc:postgresql://postgres:5432/filflow`; unset: embedded PostgreSQL"),
    POSTGRES_USER("postgres.user", "PostgreSQL user"),
    POSTGRES_PASSWORD("postgres.password", "PostgreSQL password"),
    CHDB_LIBRARY("chdb.library", "path of libchdb.so for the embedded engine; unset: the cache `bin/fetch-chdb` fills"),
    // --- Lotus ---
    LOTUS_URL("lotus.url", "Lotus JSON-RPC endpoint; the default is Glif's public mainnet node (no `StateCompute`)"),
    LOTUS_TOKEN("lotus.token", "Lotus API token (bearer), if the node needs one; never logged"),
    LOTUS_CONNECT_TIMEOUT("lotus.connect-timeout", "TCP connect timeout"),
    LOTUS_READ_TIMEOUT("lotus.read-timeout", "longest wait for the next bytes of an answer"),
    LOTUS_MAX_RETRIES("lotus.max-retries", "retries after a transient failure (0: none)"),
    LOTUS_BACKOFF_INITIAL("lotus.backoff-initial", "first retry delay, doubled each retry"),
    LOTUS_BACKOFF_MAX("lotus.backoff-max", "longest retry delay"),
    LOTUS_SYNC_TOLERANCE("lotus.sync-tolerance", "the node counts as out of sync when its head is older"),
    LOTUS_NETWORK("lotus.network",
            "address prefix written into requests and answers: `f` (mainnet) or `t` (test networks)"),
    // --- the application ---
    DATA_DIR("data.dir", "where embedded engines and the file archive keep their data"),
    ENGINE_RESTART_ATTEMPTS("engine.restart-attempts",
            "tries to restart an embedded engine whose process died (backoff 1 s to 30 s); then filflow exits"),
    HTTP_PORT("http.port", "port of the explorer API"),
    MANAGEMENT_PORT("management.port", "port of health (`/observe/health`) and metrics (`/observe/metrics`)"),
    MANAGEMENT_HOST("management.host",
            "interface of the management port; loopback unless health and metrics must be reached from elsewhere"),
    HTTP_MAX_BODY_BYTES("http.max-body-bytes",
            "largest request body the API takes; larger ones are refused (413) as they arrive"),
    ADMIN_TOKEN("admin.token", "bearer token for admin endpoints; unset: admin endpoints disabled"),
    API_CORS_ORIGINS("api.cors-origins",
            "origins allowed to call the API from a browser (comma-separated, or `*`); unset: same origin only"),
    // --- the flow: where routes come from (docs/FLOW.md) ---
    ROUTES_DIR("filflow.routes.dir", "ROUTES_DIR",
            "folder of YAML routes (`*.camel.yaml`) and Kamelets (`kamelets/`) used instead of the built-in ones"),
    ROUTES_RELOAD("filflow.routes.reload", "ROUTES_RELOAD",
            "with `ROUTES_DIR`: reload an edited route file live; an invalid one is rejected, the running routes stay"),
    // --- explorer API (speed) ---
    API_CACHE_MAX_MB("api.cache.max-mb",
            "memory for answers of final chain data (tipsets, blocks, messages older than the finality); 0: off"),
    API_CACHE_FINALITY("api.cache.finality",
            "epochs below the highest indexed tipset from which data is final: cached, `Cache-Control: immutable`"),
    API_MAX_IN_FLIGHT("api.max-in-flight",
            "API requests taken at once; one more is answered 503 `OVERLOADED` with `Retry-After` at once"),
    API_QUEUE_DEADLINE_MS("api.queue-deadline-ms",
            "an API request that waited longer than this for a worker is answered 503 instead of executed"),
    // --- indexing jobs and the work queue (jobs) ---
    FILFLOW_HEIGHTS_TOPIC("filflow.heights.topic", "Kafka topic of the heights to index (the work queue)"),
    FILFLOW_HEIGHTS_PARTITIONS("filflow.heights.partitions",
            "partitions of the heights topic when filflow creates it (the most instances that share work)"),
    FILFLOW_HEIGHTS_REPLICATION_FACTOR("filflow.heights.replication-factor",
            "replication factor of the heights topic when filflow creates it"),
    FILFLOW_HEIGHTS_GROUP("filflow.heights.group", "consumer group of the indexer"),
    FILFLOW_HEIGHTS_CONSUMERS("filflow.heights.consumers", "indexer consumer threads per instance"),
    FILFLOW_HEIGHTS_MAX_POLL_RECORDS("filflow.heights.max-poll-records", "heights handed to the pipeline per batch"),
    FILFLOW_HEIGHTS_POLL_TIMEOUT_MS("filflow.heights.poll-timeout-ms", "longest wait for a batch"),
    FILFLOW_HEIGHTS_SESSION_TIMEOUT_MS("filflow.heights.session-timeout-ms",
            "how soon a dead instance's partitions move to the others"),
    FILFLOW_INDEX_RETRY_ATTEMPTS("filflow.index.retry.attempts", "attempts per height before it is reported as a gap"),
    FILFLOW_INDEX_RETRY_BACKOFF_MS("filflow.index.retry.backoff-ms",
            "first backoff between attempts, doubled each time"),
    FILFLOW_INDEX_RETRY_MAX_BACKOFF_MS("filflow.index.retry.max-backoff-ms",
            "longest backoff while a whole batch cannot be written"),
    FILFLOW_INDEX_HEIGHT_TIMEOUT_MS("filflow.index.height-timeout-ms",
            "longest a height may take to fetch, extract and archive; then it fails (retried, then a gap)"),
    FILFLOW_INDEX_CAPABILITY_RECHECK_MS("filflow.index.capability-recheck-ms",
            "after the node refuses StateCompute or an events method, how long heights go without it before it is asked again"),
    FILFLOW_HEIGHTS_MAX_POLL_INTERVAL_MS("filflow.heights.max-poll-interval-ms",
            "the indexer's Kafka max.poll.interval.ms; blank: derived from the batch's worst case"),
    FILFLOW_JOBS_IN_FLIGHT("filflow.jobs.in-flight",
            "most heights queued and not yet indexed (follow and walk top up to this)"),
    FILFLOW_JOBS_FOLLOW_ENABLED("filflow.jobs.follow.enabled", "run the follow job"),
    FILFLOW_JOBS_FOLLOW_PERIOD_MS("filflow.jobs.follow.period-ms", "how often follow polls the head"),
    FILFLOW_JOBS_FOLLOW_CONFIDENCE("filflow.jobs.follow.confidence", "heights follow stays behind the head"),
    FILFLOW_JOBS_FOLLOW_START_HEIGHT("filflow.jobs.follow.start-height",
            "first height of a new deployment; -1: the head"),
    FILFLOW_JOBS_FOLLOW_REORG_WINDOW("filflow.jobs.follow.reorg-window",
            "heights below the follow cursor checked for a changed tipset"),
    FILFLOW_JOBS_WALK_RANGE("filflow.jobs.walk.range", "a walk `from..to` registered at start-up; blank: none"),
    FILFLOW_JOBS_WALK_IN_FLIGHT("filflow.jobs.walk.in-flight",
            "most heights of walks queued and not yet indexed; the rest of `filflow.jobs.in-flight` is follow's, so it stays near the head during a backfill"),
    FILFLOW_JOBS_WALK_PERIOD_MS("filflow.jobs.walk.period-ms", "how often walks top up the queue"),
    FILFLOW_JOBS_INDEX_HEIGHTS("filflow.jobs.index.heights",
            "heights `h1,h2,...` enqueued at every start-up; blank: none"),
    FILFLOW_JOBS_GAPS_ENABLED("filflow.jobs.gaps.enabled", "run the gaps job"),
    FILFLOW_JOBS_GAPS_PERIOD_MS("filflow.jobs.gaps.period-ms", "how often the gaps job looks"),
    FILFLOW_JOBS_GAPS_MAX_PER_RUN("filflow.jobs.gaps.max-per-run", "most gaps re-enqueued per run"),
    FILFLOW_CLEANUP_ENABLED("filflow.cleanup.enabled",
            "run the cleanup of superseded and failed indexing attempts' rows"),
    FILFLOW_CLEANUP_PERIOD_MS("filflow.cleanup.period-ms", "how often the cleanup runs"),
    FILFLOW_CLEANUP_GRACE_MS("filflow.cleanup.grace-ms",
            "age before a non-canonical attempt newer than the canonical one is deleted (at least the heights consumer's max poll interval)"),
    FILFLOW_CLEANUP_HEIGHTS_PER_STEP("filflow.cleanup.heights-per-step",
            "heights each cleanup query covers (bounds its memory)"),
    FILFLOW_VERIFY_ENABLED("filflow.verify.enabled",
            "run the state verification job (indexed balances and nonces against the node's `StateGetActor`)"),
    FILFLOW_VERIFY_PERIOD_MS("filflow.verify.period-ms", "how often the state verification job runs"),
    FILFLOW_VERIFY_WINDOW("filflow.verify.window",
            "the state verification job samples the highest this many indexed heights"),
    FILFLOW_VERIFY_SAMPLE("filflow.verify.sample", "(actor, tipset) pairs each state verification run compares"),
    // --- per-height pipeline (pipeline) ---
    FILFLOW_PIPELINE_FETCH_PARALLELISM("filflow.pipeline.fetch-parallelism",
            "heights fetched, extracted and archived at once"),
    FILFLOW_PIPELINE_BATCH_MESSAGES("filflow.pipeline.batch.messages", "rows per insert into `messages`"),
    FILFLOW_PIPELINE_BATCH_SUBCALLS("filflow.pipeline.batch.subcalls", "rows per insert into `subcalls`"),
    FILFLOW_PIPELINE_BATCH_EVENTS("filflow.pipeline.batch.events", "rows per insert into `events`"),
    FILFLOW_PIPELINE_BATCH_BLOCKS("filflow.pipeline.batch.blocks",
            "rows per insert into `blocks` and `block_messages`"),
    FILFLOW_PIPELINE_BATCH_ACTORS("filflow.pipeline.batch.actors", "rows per insert into `actor_facts` and `address_sightings`"),
    FILFLOW_PIPELINE_BATCH_CREATIONS("filflow.pipeline.batch.creations", "rows per insert into `creations`"),
    FILFLOW_PIPELINE_BATCH_LOOKUPS("filflow.pipeline.batch.lookups",
            "rows per insert into `cid_lookup` and `address_messages`"),
    FILFLOW_PIPELINE_INSERT_TIMEOUT_SECONDS("filflow.pipeline.insert-timeout-seconds",
            "longest wait for one ClickHouse insert"),
    FILFLOW_PIPELINE_HEIGHT_ROWS_IN_MEMORY("filflow.pipeline.height.rows-in-memory",
            "most rows one height holds in memory; beyond, they are inserted as the height is extracted"),
    FILFLOW_PIPELINE_ADDRESS_CACHE_SIZE("filflow.pipeline.address-cache-size",
            "entries of the address -> actor ID cache"),
    FILFLOW_PIPELINE_NEW_CONTRACT_TOPIC("filflow.pipeline.new-contract.topic",
            "Kafka topic announcing contract creations"),
    FILFLOW_PIPELINE_NEW_CONTRACT_PARTITIONS("filflow.pipeline.new-contract.partitions",
            "partitions of the new_contract topic when filflow creates it"),
    FILFLOW_PIPELINE_NEW_CONTRACT_REPLICATION_FACTOR("filflow.pipeline.new-contract.replication-factor",
            "replication factor of the new_contract topic when filflow creates it"),
    FILFLOW_PIPELINE_ARCHIVE_ENABLED("filflow.pipeline.archive.enabled", "write the file archive"),
    FILFLOW_PIPELINE_ARCHIVE_DIR("filflow.pipeline.archive.dir",
            "root of the file archive (default `DATA_DIR/archive`)"),
    FILFLOW_PIPELINE_ARCHIVE_COMPRESSION("filflow.pipeline.archive.compression",
            "ZIP entries of the archive: `stored` (least CPU), `huffman` or `deflate-1` … `deflate-9` (smaller files)"),
    // --- new-contract listener ---
    FILFLOW_CONTRACTS_ENABLED("filflow.contracts.enabled", "run the new-contract listener"),
    FILFLOW_CONTRACTS_TOPIC("filflow.contracts.topic", "topic the listener consumes (the pipeline's creations topic)"),
    FILFLOW_CONTRACTS_GROUP("filflow.contracts.group", "the listener's consumer group"),
    FILFLOW_CONTRACTS_DLQ_TOPIC("filflow.contracts.dlq-topic",
            "dead-letter topic for records that are not contracts (error in headers)"),
    FILFLOW_CONTRACTS_MAX_POLL_RECORDS("filflow.contracts.max-poll-records", "records per poll"),
    FILFLOW_CONTRACTS_POLL_TIMEOUT_MS("filflow.contracts.poll-timeout-ms", "longest wait of one poll"),
    FILFLOW_CONTRACTS_RETRY_BACKOFF_MS("filflow.contracts.retry.backoff-ms",
            "first retry delay when Lotus or ClickHouse fails (doubles each time, retried without end)"),
    FILFLOW_CONTRACTS_RETRY_MAX_BACKOFF_MS("filflow.contracts.retry.max-backoff-ms", "longest retry delay"),
    FILFLOW_CONTRACTS_RETRY_MAX_ATTEMPTS("filflow.contracts.retry.max-attempts",
            "attempts for a record whose resolution fails for a non-transient reason, then dead-lettered"),
    FILFLOW_CONTRACTS_INSERT_TIMEOUT_SECONDS("filflow.contracts.insert-timeout-seconds",
            "longest wait for one contracts insert"),
    // --- contracts for developers: verification, ABI, calls ---
    FILFLOW_CONTRACTS_COMPILER_WORKERS("filflow.contracts.compiler.workers",
            "Node.js compiler worker processes (= verifications compiling at once)"),
    FILFLOW_CONTRACTS_COMPILER_QUEUE("filflow.contracts.compiler.queue",
            "verifications waiting for a worker before new ones get 429 with Retry-After"),
    FILFLOW_CONTRACTS_COMPILER_TIMEOUT_SECONDS("filflow.contracts.compiler.timeout-seconds",
            "longest compile; the worker is then killed and replaced"),
    FILFLOW_CONTRACTS_COMPILER_NODE("filflow.contracts.compiler.node", "the Node.js executable the workers run on"),
    FILFLOW_CONTRACTS_MAX_SOURCE_BYTES("filflow.contracts.max-source-bytes",
            "largest verification upload (sources, standard JSON or build info), bytes"),
    FILFLOW_CONTRACTS_CHAIN_ID("filflow.contracts.chain-id",
            "EVM chain id of the followed network; unset: 314 for lotus.network f, 314159 for t"),
    // --- observing: metrics sampling, walk progress, alerts (docs/OPERATING.md) ---
    FILFLOW_OBSERVE_SAMPLE_PERIOD_MS("filflow.observe.sample-period-ms",
            "how often the indexing gauges (head, lag, gaps, queue depth) are sampled and the alerts evaluated"),
    FILFLOW_OBSERVE_PROGRESS_PERIOD_MS("filflow.observe.progress-period-ms",
            "how often the log prints a progress line per unfinished walk"),
    ALERT_WEBHOOK_URL("filflow.alerts.webhook-url", "ALERT_WEBHOOK_URL",
            "alerts are POSTed here as JSON (firing, then resolved); unset: no webhook; never logged"),
    FILFLOW_ALERTS_TOPIC("filflow.alerts.topic",
            "Kafka topic alerts are also sent to (key: the alert's name); blank: none"),
    FILFLOW_ALERTS_PENDING_MS("filflow.alerts.pending-ms",
            "a condition must hold this long before its alert fires (and is sent once)"),
    FILFLOW_ALERTS_MAX_LAG("filflow.alerts.max-lag",
            "alert `lag` fires when the indexed height is more heights than this behind the head"),
    FILFLOW_ALERTS_MAX_GAPS("filflow.alerts.max-gaps",
            "alert `gaps` fires when more heights than this are missing or failed"),
    FILFLOW_ALERTS_MAX_FAILING("filflow.alerts.max-failing",
            "alert `failing-heights` fires when more heights than this failed within the failing window"),
    FILFLOW_ALERTS_FAILING_WINDOW_MS("filflow.alerts.failing-window-ms", "window of alert `failing-heights`"),
    FILFLOW_ALERTS_STALL_AFTER_MS("filflow.alerts.stall-after-ms",
            "alert `follow-stalled` fires when follow runs and the indexed height has not advanced for this long"),
    // --- the demo (profile demo, bin/demo) ---
    FILFLOW_DEMO_ENABLED("filflow.demo.enabled",
            "follow an in-process synthetic chain replayed from the recordings instead of `LOTUS_URL` (the demo profile sets it)"),
    FILFLOW_DEMO_FIXTURES("filflow.demo.fixtures", "recordings the demo chain cycles"),
    FILFLOW_DEMO_FROM_HEIGHT("filflow.demo.from-height", "first height of the demo chain (follow starts there)"),
    FILFLOW_DEMO_GROW_EVERY_MS("filflow.demo.grow-every-ms", "the demo chain grows one height this often"),
    FILFLOW_DEMO_REORG_EVERY_MS("filflow.demo.reorg-every-ms", "a reorg this often (0: none)"),
    FILFLOW_DEMO_REORG_DEPTH("filflow.demo.reorg-depth", "tipsets each demo reorg replaces"),
    // --- Rosetta Data API (docs/ROSETTA.md) ---
    ROSETTA_NETWORK("rosetta.network",
            "network the Rosetta API names: `mainnet` or `calibrationnet`; unset: mainnet for lotus.network f, calibrationnet for t"),
    // --- accounts, sign-in mail and projects (accounts; docs/ACCOUNTS.md) ---
    SMTP_URL("smtp.url",
            "SMTP server for sign-in mail, e.g. `smtp://mail.example.org:587` or `smtps://…:465`; unset: each mail is written as an `.eml` file to `DATA_DIR/outbox/` and logged"),
    SMTP_USER("smtp.user", "SMTP user, if the server needs one"),
    SMTP_PASSWORD("smtp.password", "SMTP password; never logged"),
    SMTP_FROM("smtp.from", "sender of sign-in mail"),
    ACCOUNTS_BASE_URL("accounts.base-url", "the explorer's address the mailed sign-in link points to"),
    ACCOUNTS_SESSION_HOURS("accounts.session-hours", "how long a session token is good for, hours"),
    ACCOUNTS_LIMIT_WINDOW_MINUTES("accounts.limit.window-minutes", "window of the sign-in rate limits, minutes"),
    ACCOUNTS_LIMIT_LOGIN_PER_EMAIL("accounts.limit.login-per-email",
            "sign-in mails per email and window; more get 429"),
    ACCOUNTS_LIMIT_LOGIN_PER_CLIENT("accounts.limit.login-per-client",
            "sign-in requests per client address and window"),
    ACCOUNTS_LIMIT_VERIFY_PER_EMAIL("accounts.limit.verify-per-email", "code checks per email and window"),
    ACCOUNTS_LIMIT_VERIFY_PER_CLIENT("accounts.limit.verify-per-client",
            "code and link checks per client address and window"),
    ACCOUNTS_MAX_PROJECTS("accounts.max-projects", "projects an account may own"),
    ACCOUNTS_MAX_KEYS("accounts.max-keys", "API keys an account may hold (not revoked)"),
    ACCOUNTS_MAX_CONTRACTS_PER_PROJECT("accounts.max-contracts-per-project", "contracts one project may list"),
    ACCOUNTS_MAIL_PERIOD_MS("accounts.mail.period-ms", "how often the outbox is sent"),
    ACCOUNTS_MAIL_MAX_ATTEMPTS("accounts.mail.max-attempts", "sends of one mail before it is marked dead"),
    ACCOUNTS_MAIL_BACKOFF_MS("accounts.mail.backoff-ms", "first delay after a failed send, doubled each time"),
    // --- explorer API ---
    API_QUERY_TIMEOUT_MS("api.query-timeout-ms", "longest wait for one ClickHouse query before a 503");

    private final String property;
    private final String env;
    private final String description;

    ConfigKey(String property, String description) {
        this(property, property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), description);
    }

    ConfigKey(String property, String env, String description) {
        this.property = property;
        this.env = env;
        this.description = description;
    }

    public String property() {
        return property;
    }

    public String env() {
        return env;
    }

    public String description() {
        return description;
    }
}
