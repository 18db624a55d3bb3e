package io.theriseunion.imagegateway.app.operations;

import io.theriseunion.imagegateway.app.web.ErrorBodies;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /actuator/backup}: a POST takes an online backup of the embedded store into {@code gateway.backup.dir} and
 * answers its {@code file}, {@code size} (bytes) and {@code takenAt}; a GET lists the backups in that folder, newest
 * first. Cluster administrators only, like every actuator endpoint but health. On PostgreSQL a POST is refused with
 * 409 {@code CONFLICT} (its backups are pg_dump's), and a folder that cannot be written with 503
 * {@code UNAVAILABLE}; both say why.
 */
@Component
@Endpoint(id = "backup")
public class BackupEndpoint {

    private final StoreBackups backups;

    public BackupEndpoint(StoreBackups backups) {
        this.backups = backups;
    }

    @ReadOperation
    public WebEndpointResponse<Map<String, Object>> backups() {
        try {
            List<Map<String, Object>> listed = backups.list().stream().map(BackupEndpoint::describe).toList();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("folder", backups.folder().toString());
            out.put("backups", listed);
            return new WebEndpointResponse<>(out);
        } catch (StoreBackups.Refusal refused) {
            return refusal(refused);
        }
    }

    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> backup() {
        try {
            return new WebEndpointResponse<>(describe(backups.take()));
        } catch (StoreBackups.Refusal refused) {
            return refusal(refused);
        }
    }

    private static Map<String, Object> describe(StoreBackups.Backup backup) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", backup.file());
        out.put("size", backup.size());
        out.put("takenAt", backup.takenAt().toString());
        return out;
    }

    private static WebEndpointResponse<Map<String, Object>> refusal(StoreBackups.Refusal refused) {
        return new WebEndpointResponse<>(ErrorBodies.of(refused.code(), refused.getMessage()),
                                         refused.code().httpStatus());
    }
}
