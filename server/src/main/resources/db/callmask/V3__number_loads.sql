-- Session creates with a million live sessions (issue 3), second step. Portable SQL: H2 2.x and
-- PostgreSQL 12+.
-- A create raises the live-session counters of four numbers. In proxy_numbers each counter shares
-- its row with four indexes (number, rank, pool order, trunk), and H2 carries out an UPDATE as a
-- delete and an insert of the row in every index of the table, whether the indexed columns
-- changed or not: 5 B-trees written per counter, each entry logged for undo and rewritten at
-- commit, 40 of the 64 entries a create committed.
-- So what changes after a number is registered -- its load, its health, its capacity -- moves to
-- number_loads, keyed by the number's rank alone. A single integer primary key is the row key of
-- an H2 table (no second B-tree), so a counter update writes one entry.
-- The rules stay in the database, as before and in the same row: live_sessions_within_capacity
-- (the server raises a counter only with a conditional UPDATE that also requires the number
-- healthy, so a health change and a take of the same number serialise on that row).

CREATE TABLE number_loads (
  number_rank    BIGINT      NOT NULL,
  capacity       INTEGER     NOT NULL,
  health         VARCHAR(9)  NOT NULL,
  live_sessions  INTEGER     DEFAULT 0 NOT NULL,
  CONSTRAINT number_loads_pk PRIMARY KEY (number_rank),
  CONSTRAINT number_loads_number_fk FOREIGN KEY (number_rank)
    REFERENCES proxy_numbers (number_rank),
  CONSTRAINT number_loads_health CHECK (health IN ('healthy', 'unhealthy')),
  CONSTRAINT number_loads_capacity CHECK (capacity >= 1)
);

INSERT INTO number_loads (number_rank, capacity, health, live_sessions)
SELECT number_rank, capacity, health, live_sessions FROM proxy_numbers;

ALTER TABLE proxy_numbers DROP CONSTRAINT live_sessions_within_capacity;
ALTER TABLE proxy_numbers DROP CONSTRAINT proxy_numbers_health;
ALTER TABLE proxy_numbers DROP CONSTRAINT proxy_numbers_capacity;
ALTER TABLE proxy_numbers DROP COLUMN live_sessions;
ALTER TABLE proxy_numbers DROP COLUMN health;
ALTER TABLE proxy_numbers DROP COLUMN capacity;

ALTER TABLE number_loads ADD CONSTRAINT live_sessions_within_capacity
  CHECK (live_sessions >= 0 AND live_sessions <= capacity);
