-- Read side: the layers of every repository's current image, fed by the repository-layers streaming processor
-- from the manifests of successful syncs (RepositoryLayersProjection); the repositories' dependencies and the
-- namespaces' storage figures are read from here.

-- One row per live repository: its image's size as stored (for an index: all platforms), and the part of it that
-- is not layers (the image configs).
CREATE TABLE repository_image (
    repository_id VARCHAR(64) NOT NULL PRIMARY KEY,
    namespace     VARCHAR(63) NOT NULL,
    name          VARCHAR(63) NOT NULL,
    -- null until the first successful sync
    digest        VARCHAR(160),
    image_bytes   BIGINT NOT NULL,
    config_bytes  BIGINT NOT NULL,
    -- the aggregate sequence of the last event applied: a redelivered event changes nothing
    event_seq     BIGINT NOT NULL
);
CREATE INDEX repository_image_namespace ON repository_image (namespace, name);

-- One row per distinct layer of a repository's image (for an index: of all its platforms).
CREATE TABLE repository_layer (
    repository_id VARCHAR(64) NOT NULL,
    layer_digest  VARCHAR(160) NOT NULL,
    namespace     VARCHAR(63) NOT NULL,
    size          BIGINT NOT NULL,
    -- where the layer first appears: the image's layers in manifest order, then each platform's
    position      INTEGER NOT NULL,
    PRIMARY KEY (repository_id, layer_digest)
);
-- who else has a layer, and its size: the sharing queries read only this index for the other repositories
CREATE INDEX repository_layer_digest ON repository_layer (layer_digest, repository_id, namespace, size);
-- a namespace's distinct layers
CREATE INDEX repository_layer_namespace ON repository_layer (namespace, layer_digest, size);
