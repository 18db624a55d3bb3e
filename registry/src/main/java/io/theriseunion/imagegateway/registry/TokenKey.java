package io.theriseunion.imagegateway.registry;

/** What a token is good for: one realm, service and scope, obtained with one set of credentials. */
record TokenKey(String realm, String service, String scope, RegistryCredentials credentials) {
}
