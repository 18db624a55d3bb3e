-- A registry source its namespace's ADMIN shares may be used by repositories of other namespaces.
-- Command side (checked when a repository references a source of another namespace) and read side.
ALTER TABLE registry_source_name ADD COLUMN shared BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE registry_view ADD COLUMN shared BOOLEAN DEFAULT FALSE NOT NULL;
