-- Whether a signature of the repository's current digest was found on its last successful sync (cosign's
-- sha256-<hex>.sig tag or a signature referrer); NULL: unknown (not checked yet). Read by Repository.advisories.
ALTER TABLE repository_view ADD COLUMN signed BOOLEAN;
