-- The H2 schema turns its CLOB JSON columns into inline VARCHAR here; PostgreSQL's TEXT columns need no change.
SELECT 1;
