-- Projects (issue 11): owned by an account, read by everybody, grouping contracts.
CREATE TABLE IF NOT EXISTS projects
(
    id           BIGSERIAL PRIMARY KEY,
    owner_id     BIGINT      NOT NULL REFERENCES accounts (id),
    name         TEXT        NOT NULL,
    name_key     TEXT        NOT NULL,            -- lower(name) with runs of spaces as one: unique per owner, searched
    description  TEXT        NOT NULL DEFAULT '',
    website      TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (owner_id, name_key)
);

CREATE INDEX IF NOT EXISTS projects_name_key ON projects (name_key text_pattern_ops);
CREATE INDEX IF NOT EXISTS projects_owner ON projects (owner_id, id);

-- A project's contracts, by actor ID when the index knows the address (actor_id), else by the
-- address as given, canonical f-form or 0x (pending until the index learns it).
CREATE TABLE IF NOT EXISTS project_contracts
(
    project_id  BIGINT      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    address     TEXT        NOT NULL,             -- f0… when resolved, else the canonical input form
    actor_id    BIGINT,
    added_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (project_id, address)
);

CREATE INDEX IF NOT EXISTS project_contracts_actor ON project_contracts (actor_id);
CREATE INDEX IF NOT EXISTS project_contracts_address ON project_contracts (address);
