package io.theriseunion.imagegateway.app.operations;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the processors whose tokens live in the database stand, as every node sees it: the token entries (one per
 * segment: its owner, when the owner last claimed or stored it, its position) and the head of the event store. Read
 * straight from Axon's token table, never through the token store, which would claim what it reads.
 */
@Component
public class ProcessorPositions {

    private final JdbcTemplate jdbc;
    private final TokenSchema schema;
    private final Serializer serializer;
    private final EventStore events;

    public ProcessorPositions(JdbcTemplate jdbc, ObjectProvider<TokenSchema> schema, Serializer serializer,
                              EventStore events) {
        this.jdbc = jdbc;
        this.schema = schema.getIfAvailable(TokenSchema::new);
        this.serializer = serializer;
        this.events = events;
    }

    /** One segment's token: its owner (null when unclaimed), the owner's last claim or store, its position. */
    public record Segment(int segment, String owner, String claimedAt, long position, boolean replaying) {
    }

    /** The position of the newest event in the store, -1 when it holds none. */
    public long head() {
        TrackingToken head = events.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** The segments of every processor with tokens in the database, by processor name. */
    public Map<String, List<Segment>> segments() {
        String sql = "select " + String.join(", ", schema.processorNameColumn(), schema.segmentColumn(),
                                             schema.ownerColumn(), schema.timestampColumn(), schema.tokenColumn(),
                                             schema.tokenTypeColumn())
                + " from " + schema.tokenTable() + " order by " + schema.processorNameColumn() + ", "
                + schema.segmentColumn();
        Map<String, List<Segment>> out = new LinkedHashMap<>();
        jdbc.query(sql, rs -> {
            TrackingToken token = token(rs.getBytes(5), rs.getString(6));
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
               .add(new Segment(rs.getInt(2), rs.getString(3), rs.getString(4),
                                token == null ? -1 : token.position().orElse(-1),
                                token != null && ReplayToken.isReplay(token)));
        });
        return out;
    }

    /**
     * The position through which every segment of the processor has handled every event (below the first gap its
     * token still waits on), -1 when it has none stored. Read straight from the token table, as {@link #segments}.
     */
    public long handledThrough(String processor) {
        String sql = "select " + schema.tokenColumn() + ", " + schema.tokenTypeColumn() + " from "
                + schema.tokenTable() + " where " + schema.processorNameColumn() + " = ?";
        List<Long> positions = jdbc.query(sql, (rs, row) -> handledThrough(token(rs.getBytes(1), rs.getString(2))),
                                          processor);
        return positions.stream().mapToLong(Long::longValue).min().orElse(-1);
    }

    private static long handledThrough(TrackingToken token) {
        TrackingToken bound = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (bound instanceof GapAwareTrackingToken gapAware && !gapAware.getGaps().isEmpty()) {
            return gapAware.getGaps().first() - 1;
        }
        return bound == null ? -1 : bound.position().orElse(-1);
    }

    private TrackingToken token(byte[] data, String type) {
        if (data == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null));
    }
}
