-- Repository names are DNS-1123 subdomains (myapp-v1.0.0), up to 253 characters, as Kubernetes resource names.
ALTER TABLE repository_view ALTER COLUMN name TYPE VARCHAR(253);
ALTER TABLE repository_name ALTER COLUMN name TYPE VARCHAR(253);
ALTER TABLE audit_entry ALTER COLUMN target_name TYPE VARCHAR(253);
