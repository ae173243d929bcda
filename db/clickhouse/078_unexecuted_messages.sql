-- Messages a tipset's blocks include that were never executed (issue 14, item 11): Lotus executes
-- a tipset block by block and skips a message whose nonce the sender has already used (another
-- block's message of the same nonce came first), so it is in the block (block_messages) but has
-- no receipt, no trace and no row in `messages`. Its body comes from ChainGetBlockMessages.
-- A message included by several blocks and executed once is not here: it is in `messages`.
CREATE TABLE IF NOT EXISTS unexecuted_messages
(
    height       UInt64,
    tipset_key   String,
    cid          String,                 -- as the block lists it (signed CID for secp messages)
    block_cids   Array(String),          -- the blocks that included it, in tipset order
    version      UInt8,
    from_address String,
    to_address   String,
    nonce        UInt64,
    value        UInt256,
    method       UInt64,
    params       String,                 -- base64 DAG-CBOR
    gas_limit    UInt64,
    gas_fee_cap  UInt256,
    gas_premium  UInt256,
    timestamp    DateTime('UTC'),
    indexed_at   DateTime64(6, 'UTC'),
    INDEX idx_unexecuted_cid cid TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree(indexed_at)
ORDER BY (height, cid, indexed_at);

CREATE OR REPLACE VIEW canonical_unexecuted_messages AS
SELECT * FROM unexecuted_messages FINAL
WHERE (height, tipset_key, indexed_at) IN (SELECT height, tipset_key, indexed_at FROM tipsets FINAL);
