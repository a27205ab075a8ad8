-- What the console's visitor sidebar shows beside page and locale: the
-- User-Agent of the visitor socket's upgrade request and the IANA time
-- zone the widget reports in hello.

ALTER TABLE visitors ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE visitors ADD COLUMN timezone TEXT NOT NULL DEFAULT '';
