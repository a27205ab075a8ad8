-- Console settings: canned responses and team invites. Times are BIGINT
-- unix milliseconds UTC, as in 0001.

-- shortcut_key is the shortcut lower-cased, so UNIQUE is
-- case-insensitive while the shortcut keeps the case it was typed in.
CREATE TABLE canned_responses (
    id           TEXT COLLATE "C" PRIMARY KEY,
    shortcut     TEXT NOT NULL,
    shortcut_key TEXT COLLATE "C" NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_by   TEXT NOT NULL DEFAULT '',
    updated_at   BIGINT NOT NULL
);

-- An invite to join the team: only a hash of its one-time token is kept.
-- used_at is set once, when the invite is accepted.
CREATE TABLE invites (
    id         TEXT COLLATE "C" PRIMARY KEY,
    email      TEXT NOT NULL,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT NOT NULL DEFAULT 0
);
