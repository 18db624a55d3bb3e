-- Repository names are DNS-1123 subdomains (myapp-v1.0.0), up to 253 characters, as Kubernetes resource names.
ALTER TABLE repository_view ALTER COLUMN name SET DATA TYPE VARCHAR(253);
ALTER TABLE repository_name ALTER COLUMN name SET DATA TYPE VARCHAR(253);
ALTER TABLE audit_entry ALTER COLUMN target_name SET DATA TYPE VARCHAR(253);
