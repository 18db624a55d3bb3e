package io.theriseunion.imagegateway.app.access;

import io.theriseunion.imagegateway.app.console.ConsolePaths;
import io.theriseunion.imagegateway.app.web.CorsConfiguration;
import io.theriseunion.imagegateway.app.web.CorsProperties;
import io.theriseunion.imagegateway.app.web.ErrorBodies;
import io.theriseunion.imagegateway.app.web.UnauthenticatedAnswer;
import io.theriseunion.imagegateway.domain.api.ErrorCode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.Authentication;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * Who may call: bearer tokens on every endpoint. GraphQL over HTTP and the WebSocket upgrade pass the filter
 * without a token (GraphQL answers UNAUTHENTICATED itself, subscriptions authenticate in connection_init);
 * the health probes are open, and so are the web console's files and screens (GETs outside the API's paths,
 * {@link ConsolePaths}); everything else (the audit export, the REST API, metrics, operations) needs a valid
 * token and answers 401 without one, in the shape of the edge it is for (see {@link UnauthenticatedAnswer}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    @Bean
    BearerAuthentication bearerAuthentication(ApiTokens tokens, SecurityProperties properties,
                                              Supplier<JwtDecoder> jwtDecoders) {
        return new BearerAuthentication(tokens, properties.adminToken(), jwtDecoders, properties.jwt());
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, BearerAuthentication bearer, ObjectProvider<UnauthenticatedAnswer> edges,
                            CorsProperties cors) throws Exception {
        DefaultBearerTokenResolver bearerTokens = new DefaultBearerTokenResolver();
        AuthenticationEntryPoint unauthenticated = (request, response, failure) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            // without a token Spring's own text says nothing useful ("An Authentication object was not found…")
            String message = request.getHeader("Authorization") == null || failure == null || failure.getMessage() == null
                    ? UnauthenticatedException.missing().getMessage() : failure.getMessage();
            UnauthenticatedAnswer edge = edges.orderedStream().filter(e -> e.covers(request)).findFirst().orElse(null);
            if (edge != null) {
                edge.write(response, message);
            } else {
                ErrorBodies.write(response, ErrorCode.UNAUTHENTICATED, message);
            }
        };
        return http.csrf(AbstractHttpConfigurer::disable)
                   // gateway.cors.allowed-origins; preflights are answered here, before any token is asked for
                   .cors(c -> c.configurationSource(CorsConfiguration.source(cors)))
                   .httpBasic(AbstractHttpConfigurer::disable)
                   .formLogin(AbstractHttpConfigurer::disable)
                   .logout(AbstractHttpConfigurer::disable)
                   .requestCache(AbstractHttpConfigurer::disable)
                   .anonymous(AbstractHttpConfigurer::disable)
                   .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                   .authorizeHttpRequests(a -> a
                           .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                           .requestMatchers("/graphql").permitAll()
                           .requestMatchers(HttpMethod.GET, "/graphql/schema").permitAll()
                           .requestMatchers("/error").permitAll()
                           // the web console's files and its screens' paths (SPA): no data, the API stays protected
                           .requestMatchers(ConsolePaths::isConsoleRequest).permitAll()
                           // registries authenticate with the source's webhook secret, checked by the endpoint
                           .requestMatchers(HttpMethod.POST, "/webhooks/registry/**").permitAll()
                           // scrapers with the cluster role METRICS read metrics, and nothing else
                           .requestMatchers(HttpMethod.GET, "/actuator/prometheus", "/actuator/metrics",
                                            "/actuator/metrics/**").access((authentication, context) ->
                                   new AuthorizationDecision(clusterAdmin(authentication.get())
                                                                     || scraper(authentication.get())))
                           // operations reset projections: cluster admins only
                           .requestMatchers("/actuator/**").access((authentication, context) ->
                                   new AuthorizationDecision(clusterAdmin(authentication.get())))
                           .anyRequest().authenticated())
                   .oauth2ResourceServer(o -> o.authenticationManagerResolver(request -> bearer)
                                               // a webhook's bearer token is the registry source's webhook
                                               // secret, not a caller's credential: not read as one
                                               .bearerTokenResolver(request -> request.getRequestURI()
                                                       .startsWith("/webhooks/") ? null : bearerTokens.resolve(request))
                                               .authenticationEntryPoint(unauthenticated))
                   .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated)
                                            .accessDeniedHandler((request, response, denied) -> ErrorBodies.write(
                                                    response, ErrorCode.FORBIDDEN, "this endpoint is for callers with"
                                                            + " ADMIN in every namespace (metrics also for the cluster"
                                                            + " role METRICS)")))
                   .build();
    }

    /** The OIDC provider's decoder, built in the background from start-up; null when none is configured. */
    @Bean
    Supplier<JwtDecoder> jwtDecoders(SecurityProperties properties) {
        if (!properties.jwt().enabled()) {
            return () -> null;
        }
        return new OidcDecoder(properties.jwt(), OidcDecoder.RETRY_AFTER_FAILURE, Clock.systemUTC());
    }

    /** Cluster ADMIN, or for scraping (GET prometheus and metrics) the METRICS role. */
    private static boolean clusterAdmin(Authentication authentication) {
        return authentication instanceof CallerAuthentication c && c.caller().clusterAdmin();
    }

    private static boolean scraper(Authentication authentication) {
        return authentication instanceof CallerAuthentication c
                && c.caller().namespacesWith(Permission.METRICS).isEmpty();
    }
}
