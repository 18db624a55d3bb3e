package io.theriseunion.imagegateway.domain.registry;

import io.theriseunion.imagegateway.domain.api.RegistryRef;

/** How many live repositories use a registry source (command side, consistent with the events). */
public interface RegistrySourceUsage {

    long repositoriesUsing(RegistryRef source);
}
