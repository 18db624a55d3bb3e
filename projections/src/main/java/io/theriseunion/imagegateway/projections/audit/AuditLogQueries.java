package io.theriseunion.imagegateway.projections.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import io.theriseunion.imagegateway.projections.Json;
import io.theriseunion.imagegateway.projections.Visibility;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads the audit log: filtered pages newest first, a repository's trail oldest first, and exports in chunks. */
@Component
public class AuditLogQueries {

    private static final String COLUMNS = "position, id, at, actor, action, target_kind, target_id, namespace,"
            + " target_name, details, correlation_id, client_address, user_agent";
    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };
    private static final RowMapper<AuditEntry> ROW = (rs, i) -> new AuditEntry(
            rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4),
            rs.getString(5), AuditTargetKind.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8),
            rs.getString(9), Json.read(rs.getString(10), DETAILS), rs.getString(11), rs.getString(12), rs.getString(13));

    private final JdbcTemplate jdbc;

    public AuditLogQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} entries matching the filter, newest first, older than {@code beforePosition} if given. */
    public List<AuditEntry> listNewestFirst(AuditLogFilter filter, Long beforePosition, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        if (beforePosition != null) {
            where += " and position < ?";
            args.add(beforePosition);
        }
        args.add(limit);
        return jdbc.query("select " + COLUMNS + " from audit_entry where " + where + " order by "
                                  + fixedPrefix(filter) + "position desc fetch first ? rows only", ROW, args.toArray());
    }

    /** How many entries match the filter (every page of {@link #listNewestFirst} together). */
    public long count(AuditLogFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        Long n = jdbc.queryForObject("select count(*) from audit_entry where " + where, Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    /** How many entries a target has (every page of {@link #listOfTarget} together). */
    public long countOfTarget(String targetId) {
        Long n = jdbc.queryForObject("select count(*) from audit_entry where target_id = ?", Long.class, targetId);
        return n == null ? 0 : n;
    }

    /**
     * The columns an equality filter fixes, in the order of the index that serves it. Naming them in the ORDER BY
     * changes nothing in the result and lets H2 read the page straight from that index instead of sorting every
     * matching row.
     */
    private static String fixedPrefix(AuditLogFilter f) {
        if (f.targetKind() != null && f.namespace() != null && f.targetName() != null) {
            return "target_kind, namespace, target_name, ";
        }
        if (f.namespace() != null) {
            return "namespace, ";
        }
        if (f.actor() != null) {
            return "actor, ";
        }
        return "";
    }

    /**
     * The newest entry's position in the whole log, -1 while it is empty: read before a page, every entry at or
     * before it is in the store (the log is written in the order of the events).
     */
    public long headPosition() {
        Long head = jdbc.queryForObject("select max(position) from audit_entry", Long.class);
        return head == null ? -1 : head;
    }

    /** Up to {@code limit} entries matching the filter, oldest first, newer than {@code afterPosition} if given. */
    public List<AuditEntry> listOldestFirst(AuditLogFilter filter, Long afterPosition, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        if (afterPosition != null) {
            where += " and position > ?";
            args.add(afterPosition);
        }
        args.add(limit);
        return jdbc.query("select " + COLUMNS + " from audit_entry where " + where + " order by "
                                  + (filter.namespace() != null ? "namespace, " : "") + "position fetch first ? rows only",
                          ROW, args.toArray());
    }

    /** A target's entries (e.g. one repository's history), oldest first. */
    public List<AuditEntry> listOfTarget(String targetId, Long afterPosition, int limit) {
        return afterPosition == null
                ? jdbc.query("select " + COLUMNS + " from audit_entry where target_id = ? order by target_id, position"
                                     + " fetch first ? rows only", ROW, targetId, limit)
                : jdbc.query("select " + COLUMNS + " from audit_entry where target_id = ? and position > ?"
                                     + " order by target_id, position fetch first ? rows only", ROW, targetId,
                             afterPosition, limit);
    }

    /** Every matching entry, oldest first, read in chunks so that memory stays flat however long the log is. */
    public void export(AuditLogFilter filter, int chunk, Consumer<AuditEntry> sink) {
        Long after = null;
        while (true) {
            List<AuditEntry> page = listOldestFirst(filter, after, chunk);
            page.forEach(sink);
            if (page.size() < chunk) {
                return;
            }
            after = page.get(page.size() - 1).position();
        }
    }

    /**
     * The repository that had this name at that instant: its id, if it had been added by then and not yet
     * deleted.
     */
    public Optional<String> findRepositoryIdAt(String namespace, String name, java.time.Instant at) {
        OffsetDateTime when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select target_id, action from audit_entry where target_kind = 'REPOSITORY' and namespace = ?"
                        + " and target_name = ? and action in ('repository.added', 'repository.deleted') and at <= ?"
                        + " order by position desc fetch first 1 rows only", namespace, name, when);
        if (rows.isEmpty() || !"repository.added".equals(rows.get(0).get("action"))) {
            return Optional.empty();
        }
        return Optional.of((String) rows.get(0).get("target_id"));
    }

    private static String where(AuditLogFilter f, List<Object> args) {
        StringBuilder w = new StringBuilder("1 = 1");
        if (f.visible() != null) {
            w.append(" and ").append(Visibility.condition("namespace", f.visible(), args));
        }
        if (f.actor() != null) {
            w.append(" and actor = ?");
            args.add(f.actor());
        }
        if (f.namespace() != null) {
            w.append(" and namespace = ?");
            args.add(f.namespace());
        }
        if (f.targetKind() != null) {
            w.append(" and target_kind = ?");
            args.add(f.targetKind().name());
        }
        if (f.targetName() != null) {
            w.append(" and target_name = ?");
            args.add(f.targetName());
        }
        if (f.actions() != null && !f.actions().isEmpty()) {
            w.append(" and action in (").append(String.join(", ", f.actions().stream().map(a -> "?").toList())).append(")");
            args.addAll(f.actions());
        }
        if (f.from() != null) {
            w.append(" and at >= ?");
            args.add(OffsetDateTime.ofInstant(f.from(), ZoneOffset.UTC));
        }
        if (f.to() != null) {
            w.append(" and at < ?");
            args.add(OffsetDateTime.ofInstant(f.to(), ZoneOffset.UTC));
        }
        return w.toString();
    }
}
