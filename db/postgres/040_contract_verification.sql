-- Source verification (issue 10). A contract is verified once per 0x address: its source files,
-- the compiler and settings that reproduce its code, the ABI, the match kind and who verified it.
-- A full match replaces a partial one; nothing replaces a full match.
CREATE TABLE IF NOT EXISTS verified_contracts
(
    address           TEXT PRIMARY KEY CHECK (address ~ '^0x[0-9a-f]{40}$'),  -- the contract's 0x (EVM) address, lower case
    chain_id          BIGINT      NOT NULL,
    name              TEXT        NOT NULL,          -- contract name, e.g. Counter
    source_path       TEXT        NOT NULL,          -- the file that declares it, e.g. contracts/Counter.sol
    match             TEXT        NOT NULL CHECK (match IN ('full', 'partial')),
    compiler_version  TEXT        NOT NULL,          -- long form, v0.8.24+commit.e11b9ed9
    language          TEXT        NOT NULL DEFAULT 'Solidity',
    settings          JSONB       NOT NULL,          -- standard JSON settings (optimizer, evmVersion, libraries, …)
    sources           JSONB       NOT NULL,          -- {path: content}
    abi               JSONB       NOT NULL,
    constructor_args  TEXT        NOT NULL DEFAULT '',  -- hex without 0x
    runtime_hash      TEXT        NOT NULL,          -- keccak-256 of the on-chain runtime code, 0x…
    libraries         JSONB       NOT NULL DEFAULT '{}',
    verified_by       TEXT        NOT NULL,          -- api key / account, or the interface (etherscan-api, sourcify-api)
    verified_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Verification requests, as Etherscan's guid and Sourcify's verificationId name them.
CREATE TABLE IF NOT EXISTS verification_jobs
(
    id           UUID PRIMARY KEY,
    address      TEXT        NOT NULL,
    chain_id     BIGINT      NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
    match        TEXT CHECK (match IN ('full', 'partial', 'none')),
    reason       TEXT,
    result       JSONB,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at  TIMESTAMPTZ
);

CREATE INDEX IF NOT EXISTS verification_jobs_address ON verification_jobs (address, created_at);
