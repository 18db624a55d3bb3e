-- The audit log's newest-first page without a filter is read from the primary key backwards: H2 2.3 scans its
-- primary key in either direction (EXPLAIN: PRIMARY_KEY, "index sorted", 50 rows read for a page of 50, with this
-- index present or not), so no query used audit_entry_newest, and every entry written cost it one more B-tree leaf
-- rewritten at the audit log's commit. The secondary indexes are read in their own direction only: the others stay.
DROP INDEX audit_entry_newest;
