-- Signed-in sessions (POST /auth/credentials), ServiceStack style: the client keeps two cookies,
-- ss-id (this browser session) and ss-pid (permanent, kept when rememberMe). Only SHA-256 hashes of
-- their values are stored, so a copy of this table signs nobody in. Any node accepts any session.
CREATE TABLE user_session (
    id              VARCHAR(36)  PRIMARY KEY,
    user_id         VARCHAR(36)  NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    temporary_hash  VARCHAR(64)  NOT NULL UNIQUE,
    permanent_hash  VARCHAR(64)  NOT NULL UNIQUE,
    remember_me     BOOLEAN      NOT NULL,
    -- A hash of the user's password hash at sign-in: a changed password ends the session.
    credential_hash VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX user_session_user ON user_session (user_id);
CREATE INDEX user_session_last_seen ON user_session (last_seen_at);
