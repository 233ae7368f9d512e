-- Fewer B-trees on events (V10__events.sql), measured by CallRecordingBenchmark (CPU per
-- recorded call, embedded H2 on disk). Every insert into events changed one B-tree per index;
-- those keyed by a session (random) each dirtied a page of their own, which the store then
-- rewrote whole. Portable SQL: H2 2.x and PostgreSQL 12+.
--   * events_by_session (session_id, created_at): a session's events are its stream's
--     ('session:<id>', set from session_id when the event is recorded), so the API's listing of
--     one session reads them through events_by_stream (stream, state, sequence_number): as many
--     rows as before, sorted the same way.
--   * events_stream_sequence_unique (stream, sequence_number): a duplicate number was already
--     impossible: numbers come only from the stream's counter row, raised under its row lock in
--     the transaction that inserts the events. events_by_stream serves every query it could,
--     and the deliverer's (the lowest pending event of a stream) only events_by_stream serves
--     without reading the stream's delivered events.
DROP INDEX events_by_session;
ALTER TABLE events DROP CONSTRAINT events_stream_sequence_unique;
