-- Fingerprints are a cache of what the last applied run wanted: a run without one reconciles against
-- the directory tables and comes to the same changes, only more slowly. So they need no write-ahead
-- log: a crash of the server empties this table (the next run of each district reconciles in full),
-- a replica does not have it (the same after a failover), and a large district's 60 MB of
-- fingerprints are written in a night's run without 60 MB more of WAL. Transactions still apply to
-- it as to any table: a run's fingerprints commit or roll back with the run.
ALTER TABLE sync_fingerprint SET UNLOGGED;
