-- Chain data written by the indexing pipeline (see docs/STORAGE.md).
-- Every data row carries (height, tipset_key); a row is canonical when that pair is the
-- row of `tipsets` FINAL for its height. Money is UInt256 attoFIL. Re-indexing rewrites the
-- same sort keys, so ReplacingMergeTree(indexed_at) + FINAL yields one row per key.

CREATE TABLE IF NOT EXISTS tipsets
(
    height          UInt64,
    tipset_key      String,              -- block CIDs joined by ',' ('' for a null round)
    cids            Array(String),
    null_round      UInt8,
    parent_key      String,
    timestamp       DateTime('UTC'),
    parent_base_fee UInt256,
    block_count     UInt16,
    message_count   UInt32,              -- explicit messages (in blocks), executed once each
    implicit_count  UInt32,
    subcall_count   UInt32,
    failed_count    UInt32,
    event_count     UInt32,
    creation_count  UInt32,
    mode            LowCardinality(String),   -- full | degraded
    indexed_at      DateTime64(6, 'UTC')
)
ENGINE = ReplacingMergeTree(indexed_at)
ORDER BY height;

CREATE TABLE IF NOT EXISTS blocks
(
    height                  UInt64,
    tipset_key              String,
    cid                     String,
    miner                   String,       -- f0 ID address
    parents                 Array(String),
    parent_weight           UInt256,
    parent_state_root       String,
    parent_message_receipts String,
    messages_root           String,
    timestamp               DateTime('UTC'),
    win_count               Int64,
    parent_base_fee         UInt256,
    message_count           UInt32,
    message_cids            Array(String),
    indexed_at              DateTime64(6, 'UTC'),
    INDEX idx_block_cid cid TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_block_miner miner TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree(indexed_at)
ORDER BY (height, cid);

CREATE TABLE IF NOT EXISTS block_messages
(
    height      UInt64,
    tipset_key  String,
    block_cid   String,
    message_cid String,
    position    UInt32,                   -- index of the message in the block (BLS first, then secp)
    indexed_at  DateTime64(6, 'UTC'),
    INDEX idx_bm_message message_cid TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree(indexed_at)
PARTITION BY intDiv(height, 1000000)
ORDER BY (height, block_cid, message_cid);

CREATE TABLE IF NOT EXISTS messages
(
    height               UInt64,
    tipset_key           String,
    cid                  String,          -- the executed message CID (signed CID for secp messages)
    position             UInt32,          -- execution order within the tipset
    implicit             UInt8,           -- cron / reward messages sent by f00
    version              UInt8,
    from_address         String,          -- as the sender wrote it (robust or ID)
    to_address           String,
    from_id              Nullable(UInt64),
    to_id                Nullable(UInt64),
    nonce                UInt64,
    value                UInt256,
    method               UInt64,
    method_name          LowCardinality(String),
    actor_type           LowCardinality(String),   -- type of the receiving actor
    params               String,          -- base64 DAG-CBOR
    params_json          String,          -- decoded JSON ('' when undecodable)
    gas_limit            UInt64,
    gas_fee_cap          UInt256,
    gas_premium          UInt256,
    exit_code            Int64,
    return               String,          -- base64 DAG-CBOR
    return_json          String,
    gas_used             UInt64,
    base_fee_burn        UInt256,
    over_estimation_burn UInt256,
    miner_penalty        UInt256,
    miner_tip            UInt256,
    refund               UInt256,
    total_cost           UInt256,
    error                String,
    events_root          String,
    subcall_count        UInt32,          -- Nullable-free: 0 in degraded mode, see subcalls_available
    subcalls_available   UInt8,
    event_count          UInt32,
    eth_hash             String,          -- 0x… for EVM transactions, else ''
    block_cids           Array(String),   -- blocks that included it ([] for implicit messages)
    timestamp            DateTime('UTC'),
    indexed_at           DateTime64(6, 'UTC'),
    INDEX idx_msg_method method TYPE set(256) GRANULARITY 4,
    INDEX idx_msg_cid cid TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree(indexed_at)
PARTITION BY intDiv(height, 1000000)
ORDER BY (height, cid);

CREATE TABLE IF NOT EXISTS subcalls
(
    height          UInt64,
    tipset_key      String,
    message_cid     String,
    idx             UInt32,               -- pre-order position, 1.. (0 is the message itself)
    parent_idx      UInt32,               -- 0 for direct sub-calls of the message
    depth           UInt16,               -- 1 for direct sub-calls
    call_path       String,               -- sibling positions from the top-level call, e.g. '0.2.1'
    from_address    String,               -- ID form as the trace prints it
    to_address      String,
    from_id         Nullable(UInt64),
    to_id           Nullable(UInt64),
    value           UInt256,
    method          UInt64,
    method_name     LowCardinality(String),
    actor_type      LowCardinality(String),
    code_cid        String,
    params          String,
    params_json     String,
    exit_code       Int64,
    return          String,
    return_json     String,
    gas_limit       UInt64,
    gas_used        UInt64,
    read_only       UInt8,
    subcall_count   UInt32,               -- descendants below this call
    indexed_at      DateTime64(6, 'UTC'),
    INDEX idx_sub_to to_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree(indexed_at)
PARTITION BY intDiv(height, 1000000)
ORDER BY (height, message_cid, idx);

CREATE TABLE IF NOT EXISTS events
(
    height           UInt64,
    tipset_key       String,
    message_cid      String,
    idx              UInt32,              -- order of the event within its message
    emitter          String,              -- as the node printed it (f0 or f410)
    emitter_id       Nullable(UInt64),
    kind             LowCardinality(String),   -- native | evm
    entries          String,              -- JSON [{flags,key,codec,value(base64)}] ('' if only an EVM log was seen)
    reverted         UInt8,
    eth_address      String,              -- EVM logs: 0x emitter
    topics           Array(String),       -- EVM logs: 0x topics
    data             String,              -- EVM logs: 0x data
    log_index        Nullable(UInt32),
    eth_tx_hash      String,
    indexed_at       DateTime64(6, 'UTC'),
    INDEX idx_ev_emitter emitter_id TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_ev_topics topics TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree(indexed_at)
PARTITION BY intDiv(height, 1000000)
ORDER BY (height, message_cid, idx);

CREATE TABLE IF NOT EXISTS creations
(
    height          UInt64,
    tipset_key      String,
    message_cid     String,
    call_path       String,               -- '' for the top-level call, else sibling positions '0.2'
    depth           UInt16,
    actor_id        UInt64,
    robust          String,
    delegated       String,
    eth             String,
    code_cid        String,
    actor_type      LowCardinality(String),
    creator         LowCardinality(String),   -- EAM | Init
    method          LowCardinality(String),   -- Create | Create2 | CreateExternal | Exec | Exec4
    method_number   UInt64,
    from_id         Nullable(UInt64),     -- the creating call's sender
    top_level_from  String,
    top_level_to    String,
    value           UInt256,
    initcode        String,               -- base64
    params          String,
    return          String,
    timestamp       DateTime('UTC'),
    indexed_at      DateTime64(6, 'UTC'),
    INDEX idx_cr_actor actor_id TYPE bloom_filter(0.01) GRANULARITY 1
)
ENGINE = ReplacingMergeTree(indexed_at)
ORDER BY (height, message_cid, call_path);
