-- The audit log's newest-first page without a filter is read from the primary key backwards (as on H2, which
-- never used this index either): audit_entry_newest only cost every entry written one more index insertion.
DROP INDEX audit_entry_newest;
