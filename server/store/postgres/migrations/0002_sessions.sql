-- Console sign-ins. Only a hash of the session token is kept; csrf is the
-- token state-changing requests must echo. Times are BIGINT unix
-- milliseconds UTC, as in 0001.

CREATE TABLE sessions (
    id         TEXT COLLATE "C" PRIMARY KEY,
    agent_id   TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    csrf       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE INDEX sessions_agent ON sessions (agent_id);
