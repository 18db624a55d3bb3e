package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.Violation;

import java.util.List;

/** A refusal that names each field at fault; a Status lists them as its causes. */
interface FieldCauses {

    List<Violation> violations();
}
