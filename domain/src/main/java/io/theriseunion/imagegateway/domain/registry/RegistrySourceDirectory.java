package io.theriseunion.imagegateway.domain.registry;

import io.theriseunion.imagegateway.domain.api.RegistryRef;

/** Which registry sources exist (command side, consistent with the events). */
public interface RegistrySourceDirectory {

    boolean exists(RegistryRef source);
}
