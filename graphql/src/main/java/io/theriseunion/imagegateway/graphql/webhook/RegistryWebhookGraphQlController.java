package io.theriseunion.imagegateway.graphql.webhook;

import io.theriseunion.imagegateway.app.access.Access;
import io.theriseunion.imagegateway.app.access.Caller;
import io.theriseunion.imagegateway.app.access.Permission;
import io.theriseunion.imagegateway.app.webhook.RegistryWebhookSecrets;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import io.theriseunion.imagegateway.projections.registry.RegistryCatalogueQueries;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** {@code rotateRegistryWebhookSecret}: ADMIN of the source's namespace. */
@Controller
public class RegistryWebhookGraphQlController {

    private final RegistryWebhookSecrets secrets;
    private final RegistryCatalogueQueries registries;
    private final Access access;

    public RegistryWebhookGraphQlController(RegistryWebhookSecrets secrets, RegistryCatalogueQueries registries,
                                            Access access) {
        this.secrets = secrets;
        this.registries = registries;
        this.access = access;
    }

    @MutationMapping
    public RegistryWebhook rotateRegistryWebhookSecret(@Argument String namespace, @Argument String name,
                                                       @ContextValue(required = false) Caller caller) {
        access.require(caller, Permission.MANAGE, namespace, "rotateRegistryWebhookSecret", "REGISTRY", name);
        if (registries.find(namespace, name).isEmpty()) {
            throw new NoSuchSource(namespace, name);
        }
        String url = ServletUriComponentsBuilder.fromCurrentContextPath()
                                                .path("/webhooks/registry/{namespace}/{name}")
                                                .buildAndExpand(namespace, name).toUriString();
        return new RegistryWebhook(url, secrets.rotate(namespace, name));
    }

    /** NOT_FOUND. */
    static final class NoSuchSource extends GatewayException {
        NoSuchSource(String namespace, String name) {
            super(ErrorCode.NOT_FOUND, "there is no registry source " + namespace + "/" + name);
        }
    }
}
