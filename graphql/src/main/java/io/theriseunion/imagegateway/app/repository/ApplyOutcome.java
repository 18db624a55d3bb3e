package io.theriseunion.imagegateway.app.repository;

import io.theriseunion.imagegateway.domain.api.GatewayException;

/**
 * What applying one document did (or, in a dry run, would do): its number (from 1), its kind ({@code Repository} or
 * {@code RegistrySource}; a document of no readable kind counts as a Repository), namespace and name as far as the
 * document names them ("" when it does not); error is set exactly when result is FAILED.
 */
public record ApplyOutcome(int index, String kind, String namespace, String name, Result result,
                           GatewayException error) {

    public enum Result { CREATED, UPDATED, UNCHANGED, FAILED }

    public boolean ok() {
        return error == null;
    }
}
