-- Call records (CONTRACT §5, issue 4 §6). Portable SQL: runs on H2 2.x and PostgreSQL 12+.
--   * calls: the latest snapshot of each call, one row, replaced in place as the call goes on.
--   * attempts: the call's attempts, in order, as a JSON array of
--     {"trunk": TEXT, "presented": "+E164", "sip_status": INTEGER or null}. An ordered column
--     rather than a child table: attempts are always written and read whole, with their call, so
--     a snapshot is one statement instead of three (update the call, delete and insert its
--     attempts) and a call reads back without a join. Measured side by side on embedded H2
--     (file), three snapshots a call, none coalesced: a child table wrote a third as many calls
--     per second.
--     A per-trunk report parses the column (PostgreSQL: attempts::jsonb).
--   * attempt_count: the array's length, so that counting failovers (calls with more than one
--     attempt) needs no parsing.
--   * No foreign key to masking_sessions: a call record is a log of what happened; it must be
--     writable without a lookup of the session, and must never be refused for it.

CREATE TABLE calls (
  id             VARCHAR(64)   NOT NULL,
  session_id     VARCHAR(36)   NOT NULL,
  kind           VARCHAR(13)   NOT NULL,
  from_side      VARCHAR(8)    NOT NULL,
  status         VARCHAR(9)    NOT NULL,
  attempt_count  INTEGER       NOT NULL,
  attempts       VARCHAR(4000) NOT NULL,
  started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  answered_at    TIMESTAMP WITH TIME ZONE,
  ended_at       TIMESTAMP WITH TIME ZONE,
  failure_side   VARCHAR(8),
  CONSTRAINT calls_pk PRIMARY KEY (id),
  CONSTRAINT calls_kind CHECK (kind IN ('forwarded', 'click_to_call')),
  CONSTRAINT calls_from_side CHECK (from_side IN ('customer', 'partner')),
  CONSTRAINT calls_status CHECK (status IN ('ringing', 'answered', 'completed', 'busy',
    'no_answer', 'failed', 'canceled')),
  CONSTRAINT calls_failure_side CHECK (failure_side IN ('incoming', 'outgoing')),
  CONSTRAINT calls_attempt_count CHECK (attempt_count >= 0)
);

-- GET /v1/calls?session=ID: a session's calls, newest first (id breaks ties, so it is indexed
-- too: an ORDER BY the index does not cover would sort every row before the limit).
CREATE INDEX calls_by_session ON calls (session_id, started_at DESC, id DESC);
-- GET /v1/calls and the stats window: the newest calls of all sessions.
CREATE INDEX calls_by_started ON calls (started_at DESC, id DESC);
