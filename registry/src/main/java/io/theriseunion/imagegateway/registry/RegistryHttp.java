package io.theriseunion.imagegateway.registry;

import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * An authenticated exchange with a registry: Authorization up front when the registry's scheme is known,
 * one retry after a 401 challenge, redirects through {@link HttpSender}. Credentials only ever go to the
 * registry's own origin and to its token realm.
 */
final class RegistryHttp {

    private final EndpointClients clients;
    private final HttpSender sender;
    private final RegistryAuthenticator authenticator;

    RegistryHttp(EndpointClients clients, HttpSender sender, RegistryAuthenticator authenticator) {
        this.clients = clients;
        this.sender = sender;
        this.authenticator = authenticator;
    }

    /** The final answer, whatever its status; the caller closes it. */
    Response exchange(RegistryRequest request) {
        OkHttpClient client = clients.forEndpoint(request.endpoint());
        if (!request.onRegistryOrigin()) {
            return sender.send(client, request, null);
        }
        String authorization = authenticator.upFront(request.endpoint(), request.scope());
        Response response = sender.send(client, request, authorization);
        if (response.code() != 401) {
            return response;
        }
        String retry;
        try {
            retry = authenticator.answer(client, request.endpoint(), response, request.scope(), authorization,
                    request.deadline());
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
        if (retry == null) {
            return response;
        }
        response.close();
        return sender.send(client, request, retry);
    }
}
