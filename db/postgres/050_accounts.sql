-- Accounts and passwordless sign-in (issue 11, docs/ACCOUNTS.md). Secrets are never stored:
-- sign-in links, codes, session tokens and API keys are kept as SHA-256 hashes only.
CREATE TABLE IF NOT EXISTS accounts
(
    id               BIGSERIAL PRIMARY KEY,
    email            TEXT        NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) <= 254),
    created_at       TIMESTAMPTZ NOT NULL,
    last_sign_in_at  TIMESTAMPTZ
);

-- One row per POST /auth/login: the mailed link (token_hash) and 6-digit code (code_hash, salted
-- with the token hash). Single-use (used_at), expiring, and superseded by the next login of the email.
CREATE TABLE IF NOT EXISTS sign_in_codes
(
    id             BIGSERIAL PRIMARY KEY,
    email          TEXT        NOT NULL,
    token_hash     TEXT        NOT NULL UNIQUE,
    code_hash      TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    used_at        TIMESTAMPTZ,
    superseded_at  TIMESTAMPTZ,
    failed_tries   INT         NOT NULL DEFAULT 0
);

CREATE INDEX IF NOT EXISTS sign_in_codes_open ON sign_in_codes (email, id) WHERE used_at IS NULL AND superseded_at IS NULL;

CREATE TABLE IF NOT EXISTS sessions
(
    token_hash  TEXT PRIMARY KEY,
    account_id  BIGINT      NOT NULL REFERENCES accounts (id),
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    ended_at    TIMESTAMPTZ
);

CREATE INDEX IF NOT EXISTS sessions_account ON sessions (account_id);

-- API keys: shown once when created, usable wherever a session token is (Authorization: Bearer)
-- and as the apikey parameter of the Etherscan-compatible /api.
CREATE TABLE IF NOT EXISTS api_keys
(
    id            BIGSERIAL PRIMARY KEY,
    account_id    BIGINT      NOT NULL REFERENCES accounts (id),
    name          TEXT        NOT NULL,
    key_hash      TEXT        NOT NULL UNIQUE,
    prefix        TEXT        NOT NULL,          -- the first characters of the key, to tell keys apart
    created_at    TIMESTAMPTZ NOT NULL,
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ
);

CREATE INDEX IF NOT EXISTS api_keys_account ON api_keys (account_id) WHERE revoked_at IS NULL;

-- Mail to send, written in the transaction that makes its content (route accounts-mail sends it):
-- pending until sent; a failed send is retried with backoff until attempts run out, then dead.
CREATE TABLE IF NOT EXISTS mail_outbox
(
    id               BIGSERIAL PRIMARY KEY,
    recipient        TEXT        NOT NULL,
    subject          TEXT        NOT NULL,
    body             TEXT        NOT NULL,
    status           TEXT        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    sent_at          TIMESTAMPTZ
);

CREATE INDEX IF NOT EXISTS mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'pending';

-- Every write: who (account, or the email for sign-in), what, on what, when, from where.
CREATE TABLE IF NOT EXISTS audit_log
(
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    account_id  BIGINT,
    actor       TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    subject     TEXT,
    details     JSONB       NOT NULL DEFAULT '{}',
    client      TEXT
);

CREATE INDEX IF NOT EXISTS audit_log_account ON audit_log (account_id, at);
