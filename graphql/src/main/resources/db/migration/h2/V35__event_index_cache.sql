-- The event store's global index is an identity whose sequence H2 writes to its file every CACHE values, each time
-- in a commit of its own under the database's system session, which every appending transaction then waits for.
-- With H2's default of 32 that was a commit every 16 repositories added (two events each), and the batch workers of
-- a bulk add spent about 40 % of their time parked there. 256 makes those commits 8 times rarer. Values are never
-- handed out twice: a clean stop writes the current value; after a crash (kill -9) the index goes on from the last
-- written one, so up to 256 numbers stay unused, a gap that tracking processors already handle as they handle a
-- rolled-back append (the gap is dropped once it is older than Axon's gap timeout). PostgreSQL is unchanged: its
-- sequences log their state in the write-ahead log, not in a commit of their own.
ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex SET CACHE 256;
