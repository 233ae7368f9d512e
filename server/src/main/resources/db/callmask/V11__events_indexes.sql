-- Fewer indexes on events (V10__events.sql), measured by CallRecordingBenchmark: each insert
-- into events changed one B-tree per index, and those keyed by a session (random) each dirtied
-- a page of their own that the store then rewrote whole. Portable SQL: H2 2.x and PostgreSQL 12+.
--   * events_by_session (session_id, created_at): a session's events are its stream's
--     ('session:<id>', set from session_id when the event is recorded), so the API's listing of
--     one session reads them through events_stream_sequence_unique (stream, sequence_number),
--     as many rows as before, sorted the same way.
DROP INDEX events_by_session;
