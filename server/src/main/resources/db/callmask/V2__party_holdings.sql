-- Session creates with a million live sessions (issue 3). Portable SQL: H2 2.x and PostgreSQL 12+.
-- Measured on H2 with 1,000,000 live sessions, a create spent most of its time in two places:
--   * reading every binding of both parties (a partner holds ~100) to find the numbers they hold,
--     row by row from a 4,000,000-row table: ~400 us;
--   * keeping index entries up to date: 28 B-tree inserts per create, ~6 us each.
-- So:
--   * party_holdings: one row per party listing the proxies it holds (active, or in quarantine
--     with its end), kept by the store in the same transaction as the bindings. A create reads
--     and rewrites two rows instead of scanning a hundred. The bindings stay the truth: their
--     primary key still enforces "a party holds a number once", whatever this list says.
--     revision: a row is rewritten only if unchanged since it was read (optimistic locking).
--     next_expiry is the earliest quarantine end in the list; its index is how the periodic
--     sweep finds the parties with something to release.
--   * bindings: the primary key becomes (proxy, party). Same rule, and its leading column now
--     serves the foreign key to proxy_numbers and "which sessions use this number" (a number
--     going unhealthy), so bindings_by_proxy goes. bindings_by_session (a session's bindings are
--     its four (proxy, party) pairs, read from the session row) and bindings_by_expiry (replaced
--     by party_holdings_by_expiry) go too, and with the first the foreign key to the session,
--     which needs such an index on H2.
--   * masking_sessions: the four foreign keys from its proxy columns go; on H2 each carried an
--     index of its own. The same numbers are checked against proxy_numbers by the bindings'
--     foreign key, and the session's rules (sides differ, proxy differs from backup) stay.

ALTER TABLE masking_sessions DROP CONSTRAINT masking_sessions_customer_proxy_fk;
ALTER TABLE masking_sessions DROP CONSTRAINT masking_sessions_customer_backup_fk;
ALTER TABLE masking_sessions DROP CONSTRAINT masking_sessions_partner_proxy_fk;
ALTER TABLE masking_sessions DROP CONSTRAINT masking_sessions_partner_backup_fk;

ALTER TABLE bindings DROP CONSTRAINT bindings_session_fk;
ALTER TABLE bindings DROP CONSTRAINT bindings_proxy_fk;
DROP INDEX bindings_by_session;
DROP INDEX bindings_by_proxy;
DROP INDEX bindings_by_expiry;
ALTER TABLE bindings DROP CONSTRAINT bindings_one_live_pair;
ALTER TABLE bindings ADD CONSTRAINT bindings_one_live_pair PRIMARY KEY (proxy, party);
ALTER TABLE bindings ADD CONSTRAINT bindings_proxy_fk
  FOREIGN KEY (proxy) REFERENCES proxy_numbers (number);

-- holdings: one element per binding of the party, separated by ',': 'proxy' while active,
-- 'proxy@end' in quarantine, end in milliseconds since the epoch (PartyHoldings reads and
-- writes them). A text rather than an array: H2 converts every element of an array on each read
-- and write. At most 1,000,000 characters: some 30,000 numbers held by one party at once.
CREATE TABLE party_holdings (
  party        VARCHAR(16)      NOT NULL,
  holdings     VARCHAR(1000000) NOT NULL,
  next_expiry  TIMESTAMP WITH TIME ZONE,
  revision     BIGINT           DEFAULT 0 NOT NULL,
  CONSTRAINT party_holdings_pk PRIMARY KEY (party)
);

INSERT INTO party_holdings (party, holdings, next_expiry)
SELECT party,
       STRING_AGG(CASE WHEN expires_at IS NULL THEN proxy
                  ELSE proxy || '@' || CAST(CAST(FLOOR(EXTRACT(EPOCH FROM expires_at) * 1000)
                       AS BIGINT) AS VARCHAR(20)) END, ',' ORDER BY proxy),
       MIN(expires_at)
FROM bindings
GROUP BY party;

CREATE INDEX party_holdings_by_expiry ON party_holdings (next_expiry);
