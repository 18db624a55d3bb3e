package io.theriseunion.imagegateway.app.operations;

import io.theriseunion.imagegateway.app.cluster.GatewayNode;
import io.theriseunion.imagegateway.app.config.EmbeddedStoreHousekeeping;
import io.theriseunion.imagegateway.app.origin.OriginEvents;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.StoreBackedUpEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Online backups of the embedded store: the one H2 file that holds the event store, the processors' tokens, the read
 * models, the name indexes and the scheduled deadlines. H2's {@code BACKUP TO} copies the open database into a zip
 * while the gateway goes on serving, and the copy is transactionally consistent (it holds every change committed
 * before it began, and none half). The file is written as {@code .partial} and renamed when whole, into
 * {@code gateway.backup.dir}; each backup is audited ({@link StoreBackedUpEvent}). A PostgreSQL store is refused:
 * its backups are the database's own (pg_dump, or continuous archiving), see docs/operations.md.
 */
@Component
public class StoreBackups {

    private static final Logger log = LoggerFactory.getLogger(StoreBackups.class);
    private static final DateTimeFormatter NAMES = DateTimeFormatter.ofPattern("'gateway-'yyyyMMdd'T'HHmmss.SSS'Z.zip'")
                                                                    .withZone(ZoneOffset.UTC);
    private static final String PARTIAL = ".partial";

    /** A backup in the folder: its file name, size in bytes and when it was taken. */
    public record Backup(String file, long size, Instant takenAt) {
    }

    /** Why no backup was taken, with the code the endpoint answers. */
    public static final class Refusal extends RuntimeException {

        private final ErrorCode code;

        Refusal(ErrorCode code, String message) {
            super(message);
            this.code = code;
        }

        public ErrorCode code() {
            return code;
        }
    }

    private final DataSource dataSource;
    private final ObjectProvider<EmbeddedStoreHousekeeping> housekeeping;
    private final OriginEvents events;
    private final GatewayNode node;
    private final Path folder;

    public StoreBackups(DataSource dataSource, ObjectProvider<EmbeddedStoreHousekeeping> housekeeping,
                        OriginEvents events, GatewayNode node,
                        @Value("${gateway.backup.dir:${gateway.data-dir:./data}/backups}") String folder) {
        if (folder == null || folder.isBlank()) {
            throw new IllegalArgumentException("gateway.backup.dir must name a folder, not be empty");
        }
        this.dataSource = dataSource;
        this.housekeeping = housekeeping;
        this.events = events;
        this.node = node;
        this.folder = Path.of(folder).toAbsolutePath().normalize();
    }

    /** The folder backups are written to ({@code gateway.backup.dir}). */
    public Path folder() {
        return folder;
    }

    /**
     * Copies the open store into a new file of the folder and audits it; one backup at a time on this node.
     *
     * @throws Refusal CONFLICT on a store other than the embedded H2, UNAVAILABLE when the folder cannot be
     *                 written or the copy failed
     */
    public synchronized Backup take() {
        String store = storeName();
        if (!"H2".equals(store)) {
            throw new Refusal(ErrorCode.CONFLICT, "online backups are for the embedded H2 store, and this gateway's"
                    + " store is " + store + ": back it up with the database's own tools (PostgreSQL: pg_dump, and"
                    + " pg_restore to restore; or continuous archiving for point-in-time recovery), see"
                    + " docs/operations.md, \"Backup and restore\"");
        }
        writableFolder();
        Instant takenAt = Instant.now();
        String name = NAMES.format(takenAt);
        Path partial = folder.resolve(name + PARTIAL);
        Path file = folder.resolve(name);
        try {
            EmbeddedStoreHousekeeping rounds = housekeeping.getIfAvailable();
            if (rounds == null) {
                backupTo(partial);
            } else {
                rounds.withoutRounds(() -> {
                    backupTo(partial);
                    return null;
                });
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            long size = Files.size(file);
            events.publish(new StoreBackedUpEvent(name, size, node.name(), takenAt));
            log.info("Backup of the embedded store written: {} ({} bytes)", file, size);
            return new Backup(name, size, takenAt);
        } catch (Exception e) {
            deleteQuietly(partial);
            log.warn("Backup of the embedded store to {} failed: {}", folder, e.toString());
            throw new Refusal(ErrorCode.UNAVAILABLE, "the backup could not be written to gateway.backup.dir ("
                    + folder + "): " + e.getMessage());
        }
    }

    /** The whole backups in the folder, newest first (none when the folder does not exist yet). */
    public List<Backup> list() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Backup> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("gateway-")
                                            && f.getFileName().toString().endsWith(".zip")).toList()) {
                out.add(new Backup(f.getFileName().toString(), Files.size(f),
                                   Files.getLastModifiedTime(f).toInstant()));
            }
        } catch (IOException e) {
            throw new Refusal(ErrorCode.UNAVAILABLE, "gateway.backup.dir (" + folder + ") cannot be read: "
                    + e.getMessage());
        }
        out.sort(Comparator.comparing(Backup::file).reversed());
        return out;
    }

    private String storeName() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new Refusal(ErrorCode.UNAVAILABLE, "the store does not answer: " + e.getMessage());
        }
    }

    private void writableFolder() {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new Refusal(ErrorCode.UNAVAILABLE, "gateway.backup.dir (" + folder + ") is not a folder the gateway"
                    + " can create or write to: " + e);
        }
        if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new Refusal(ErrorCode.UNAVAILABLE, "gateway.backup.dir (" + folder + ") is not a folder the gateway"
                    + " can write to");
        }
    }

    private void backupTo(Path partial) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement backup = connection.prepareStatement("BACKUP TO ?")) {
            backup.setString(1, partial.toString());
            backup.execute();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing to clean up, or nothing more to do about it
        }
    }
}
