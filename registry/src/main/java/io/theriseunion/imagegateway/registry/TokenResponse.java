package io.theriseunion.imagegateway.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A token service's answer: {@code token} or {@code access_token}, and {@code expires_in} seconds. */
@JsonIgnoreProperties(ignoreUnknown = true)
record TokenResponse(String token, @JsonProperty("access_token") String accessToken,
                     @JsonProperty("expires_in") Long expiresIn) {

    String value() {
        return token != null && !token.isBlank() ? token : accessToken;
    }

    @Override
    public String toString() {
        return "TokenResponse[expiresIn=" + expiresIn + "]";
    }
}
