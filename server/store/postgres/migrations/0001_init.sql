-- Parley schema v1, PostgreSQL's copy of sqlite/migrations/0001_init.sql.
-- Times are BIGINT unix milliseconds UTC (0 = unset); lists and maps are
-- JSON text. Ids sort by byte (COLLATE "C") as in SQLite, whatever the
-- database's locale, so list paging orders the same on both.

CREATE TABLE sites (
    id                   TEXT COLLATE "C" PRIMARY KEY,
    key                  TEXT NOT NULL UNIQUE,
    name                 TEXT NOT NULL,
    origins              TEXT NOT NULL DEFAULT '[]',
    identity_secret      TEXT NOT NULL DEFAULT '',
    widget_color         TEXT NOT NULL DEFAULT '',
    widget_position      TEXT NOT NULL DEFAULT '',
    widget_greeting      TEXT NOT NULL DEFAULT '',
    widget_launcher_text TEXT NOT NULL DEFAULT '',
    widget_locale        TEXT NOT NULL DEFAULT '',
    widget_pre_chat_form BOOLEAN NOT NULL DEFAULT FALSE,
    created_at           BIGINT NOT NULL
);

-- email is stored lower-cased, so UNIQUE is case-insensitive.
CREATE TABLE agents (
    id            TEXT COLLATE "C" PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL DEFAULT '',
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT NOT NULL
);

CREATE TABLE api_tokens (
    id         TEXT COLLATE "C" PRIMARY KEY,
    agent_id   TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT NOT NULL DEFAULT 0
);

CREATE INDEX api_tokens_agent ON api_tokens (agent_id);

CREATE TABLE visitors (
    id            TEXT COLLATE "C" PRIMARY KEY,
    site_id       TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    token_hash    TEXT NOT NULL,
    name          TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    user_id       TEXT NOT NULL DEFAULT '',
    verified      BOOLEAN NOT NULL DEFAULT FALSE,
    page_url      TEXT NOT NULL DEFAULT '',
    page_title    TEXT NOT NULL DEFAULT '',
    page_referrer TEXT NOT NULL DEFAULT '',
    locale        TEXT NOT NULL DEFAULT '',
    attributes    TEXT NOT NULL DEFAULT '{}',
    created_at    BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL,
    UNIQUE (site_id, token_hash)
);

-- start_cmid makes StartConversation idempotent per visitor.
CREATE TABLE conversations (
    id               TEXT COLLATE "C" PRIMARY KEY,
    site_id          TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    visitor_id       TEXT NOT NULL REFERENCES visitors (id) ON DELETE CASCADE,
    status           TEXT NOT NULL,
    assignee         TEXT NOT NULL DEFAULT '',
    priority         TEXT NOT NULL DEFAULT '',
    tags             TEXT NOT NULL DEFAULT '[]',
    last_seq         BIGINT NOT NULL DEFAULT 0,
    visitor_read_seq BIGINT NOT NULL DEFAULT 0,
    agent_read_seq   BIGINT NOT NULL DEFAULT 0,
    start_cmid       TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    snoozed_until    BIGINT NOT NULL DEFAULT 0,
    UNIQUE (visitor_id, start_cmid)
);

CREATE INDEX conversations_site_updated ON conversations (site_id, updated_at);
CREATE INDEX conversations_status_updated ON conversations (status, updated_at);

-- The two UNIQUE constraints are delivery guarantees: no holes or
-- duplicate seqs, and no second message for a retried send.
CREATE TABLE messages (
    id              TEXT COLLATE "C" PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             BIGINT NOT NULL,
    author_kind     TEXT NOT NULL,
    author_id       TEXT NOT NULL,
    author_name     TEXT NOT NULL DEFAULT '',
    cmid            TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    UNIQUE (conversation_id, seq),
    UNIQUE (conversation_id, author_kind, author_id, cmid)
);

CREATE TABLE notes (
    id              TEXT COLLATE "C" PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    author_id       TEXT NOT NULL,
    author_name     TEXT NOT NULL DEFAULT '',
    cmid            TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    UNIQUE (conversation_id, author_id, cmid)
);
