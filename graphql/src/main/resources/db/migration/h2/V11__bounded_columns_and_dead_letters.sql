-- Every value an event may carry fits its column (no event can fail a projection):
-- a registry target's id is "namespace/name" (63 + 1 + 253); sha512 digests are "sha512:" + 128 hex digits.
ALTER TABLE audit_entry ALTER COLUMN target_id SET DATA TYPE VARCHAR(320);
ALTER TABLE repository_view ALTER COLUMN digest SET DATA TYPE VARCHAR(160);
ALTER TABLE sync_run ALTER COLUMN digest SET DATA TYPE VARCHAR(160);

-- Axon's JDBC sequenced dead-letter queue: an event a projection could not apply waits here, with its cause,
-- while the projection goes on with the others (GET/POST /actuator/deadletters lists and retries them).
CREATE TABLE DeadLetterEntry (
    deadLetterIdentifier VARCHAR(255) NOT NULL,
    processingGroup      VARCHAR(255) NOT NULL,
    sequenceIdentifier   VARCHAR(255) NOT NULL,
    sequenceIndex        BIGINT NOT NULL,
    messageType          VARCHAR(255) NOT NULL,
    eventIdentifier      VARCHAR(255) NOT NULL,
    timestamp            VARCHAR(255) NOT NULL,
    payloadType          VARCHAR(255) NOT NULL,
    payloadRevision      VARCHAR(255),
    payload              BLOB NOT NULL,
    metaData             BLOB,
    type                 VARCHAR(255),
    aggregateIdentifier  VARCHAR(255),
    sequenceNumber       BIGINT,
    tokenType            VARCHAR(255),
    token                BLOB,
    enqueuedAt           VARCHAR(255) NOT NULL,
    lastTouched          VARCHAR(255),
    processingStarted    VARCHAR(255),
    causeType            VARCHAR(255),
    causeMessage         VARCHAR(1023),
    diagnostics          BLOB,
    CONSTRAINT dead_letter_pk PRIMARY KEY (deadLetterIdentifier),
    CONSTRAINT dead_letter_sequence_index UNIQUE (processingGroup, sequenceIdentifier, sequenceIndex)
);
CREATE INDEX dead_letter_processing_group ON DeadLetterEntry (processingGroup);
CREATE INDEX dead_letter_sequence ON DeadLetterEntry (processingGroup, sequenceIdentifier);
