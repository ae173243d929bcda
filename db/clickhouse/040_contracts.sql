-- The new-contract listener's table: one row per created actor (EVM contract, WASM or native
-- actor), resolved from the new_contract topic. Idempotent by actor ID: a redelivered or
-- re-published creation rewrites the same sort key, so SELECT … FINAL yields one row.
-- Absent values are '' (strings) or NULL (deployer_id), as in the pipeline's tables.
CREATE TABLE IF NOT EXISTS contracts
(
    actor_id             UInt64,
    robust               String,                  -- f2…
    delegated            String,                  -- f410… (EVM and other f4 actors), else ''
    eth                  String,                  -- 0x… lower case (EVM), else ''
    kind                 LowCardinality(String),  -- evm | wasm | native
    code_cid             String,                  -- the actor's code CID ('' when the node did not say)
    actor_type           LowCardinality(String),  -- builtin manifest name (evm, multisig, paymentchannel, storageminer, …); '' for user WASM code
    deployer_id          Nullable(UInt64),        -- who created it (the EAM/Init caller; for EVM the EAM caller)
    deployer_robust      String,                  -- f1/f3/f2 of the deployer when it has one, else ''
    deployer_delegated   String,                  -- f410 of the deployer when it has one, else ''
    deployer_eth         String,                  -- 0x of the deployer (its EVM address, or the 0xff…ID form), else ''
    creation_message_cid String,
    creation_height      UInt64,
    creation_tipset_key  String,                  -- block CIDs joined by ',' (as the pipeline's tables)
    creation_timestamp   DateTime('UTC'),
    creation_call_path   String,                  -- '' top level, else sibling positions '0.2'
    creation_depth       UInt16,
    creation_method      LowCardinality(String),  -- Create | Create2 | CreateExternal | Exec | Exec4
    top_level_from       String,
    top_level_to         String,
    network              LowCardinality(String),
    bytecode             String,                  -- 0x… hex (EVM), else ''
    bytecode_hash        String,                  -- keccak-256 of bytecode, 0x… hex, else ''
    bytecode_source      LowCardinality(String),  -- eth_getcode | initcode | none
    version              UInt64,                  -- ms since epoch of the resolution: the latest wins
    INDEX idx_ct_deployer deployer_id TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_ct_eth eth TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_ct_delegated delegated TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_ct_robust robust TYPE bloom_filter(0.01) GRANULARITY 1
)
ENGINE = ReplacingMergeTree(version)
ORDER BY actor_id;
