package io.theriseunion.imagegateway.registry;

import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;

/**
 * Refuses a call before any lookup or connection when the network policy denies its URL's host (a name, or an IP
 * literal), also when a proxy would do the lookup and the connection for us.
 */
final class PolicyInterceptor implements Interceptor {

    private final RegistryNetworkPolicy policy;

    PolicyInterceptor(RegistryNetworkPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        policy.checkHost(chain.request().url().host());
        return chain.proceed(chain.request());
    }
}
