-- The inbox at scale. waiting_since is when the visitor's unanswered run
-- of messages began (0 when an agent answered last), kept by
-- StartConversation and AppendMessage so the list needs no message scan.
-- Times are BIGINT unix milliseconds UTC, as in 0001.

ALTER TABLE conversations ADD COLUMN waiting_since BIGINT NOT NULL DEFAULT 0;

UPDATE conversations SET waiting_since = COALESCE((
    SELECT MIN(m.created_at) FROM messages m
    WHERE m.conversation_id = conversations.id AND m.author_kind = 'visitor'
      AND m.seq > COALESCE((SELECT MAX(a.seq) FROM messages a
                            WHERE a.conversation_id = conversations.id AND a.author_kind = 'agent'), 0)
), 0);

-- The snooze loop's scan: snoozed conversations by wake time.
CREATE INDEX conversations_status_snoozed ON conversations (status, snoozed_until);
