-- The event outbox (CONTRACT §7). Portable SQL: runs on H2 2.x and PostgreSQL 12+.
--   * event_streams: one counter row per ordering stream ('session:<id>', or 'pool'). Recording
--     an event raises the counter and inserts the event in one transaction; the row lock makes
--     concurrent writers (on any server) take consecutive numbers and commit in that order.
--   * events_stream_sequence_unique: the last guard against a duplicated sequence number.
--   * delivery: state pending -> delivered | dead; next_attempt_at is also the claim of a
--     delivery attempt in flight (moved past the attempt's longest duration).

CREATE TABLE event_streams (
  stream         VARCHAR(64) NOT NULL,
  last_sequence  BIGINT      NOT NULL,
  CONSTRAINT event_streams_pk PRIMARY KEY (stream)
);

CREATE TABLE events (
  id               VARCHAR(36)     NOT NULL,
  stream           VARCHAR(64)     NOT NULL,
  session_id       VARCHAR(36),
  sequence_number  BIGINT          NOT NULL,
  event_type       VARCHAR(64)     NOT NULL,
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  payload          VARCHAR(100000) NOT NULL,
  state            VARCHAR(9)      NOT NULL,
  attempts         INTEGER         DEFAULT 0 NOT NULL,
  next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  last_error       VARCHAR(500),
  delivered_at     TIMESTAMP WITH TIME ZONE,
  CONSTRAINT events_pk PRIMARY KEY (id),
  CONSTRAINT events_stream_sequence_unique UNIQUE (stream, sequence_number),
  CONSTRAINT events_state CHECK (state IN ('pending', 'delivered', 'dead')),
  CONSTRAINT events_attempts CHECK (attempts >= 0)
);

-- The deliverer looks for due pending events and for lower pending ones of the same stream.
CREATE INDEX events_due ON events (state, next_attempt_at);
CREATE INDEX events_by_stream ON events (stream, state, sequence_number);
-- The API lists events newest first, optionally of one session.
CREATE INDEX events_by_session ON events (session_id, created_at);
CREATE INDEX events_by_created ON events (created_at);
