package io.theriseunion.imagegateway.graphql.scalar;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** Scalars: {@code DateTime} is the extended scalar, also accepting the read models' {@link Instant}s (in UTC). */
@Configuration(proxyBeanMethods = false)
public class ScalarConfiguration {

    @Bean
    RuntimeWiringConfigurer scalars() {
        @SuppressWarnings("unchecked")
        Coercing<Object, Object> rfc3339 = (Coercing<Object, Object>) ExtendedScalars.DateTime.getCoercing();
        GraphQLScalarType dateTime = GraphQLScalarType.newScalar(ExtendedScalars.DateTime)
                .coercing(new Coercing<Object, Object>() {
                    @Override
                    public Object serialize(Object value, GraphQLContext context, Locale locale)
                            throws CoercingSerializeException {
                        Object v = value instanceof Instant i ? OffsetDateTime.ofInstant(i, ZoneOffset.UTC) : value;
                        return rfc3339.serialize(v, context, locale);
                    }

                    @Override
                    public Object parseValue(Object input, GraphQLContext context, Locale locale)
                            throws CoercingParseValueException {
                        return rfc3339.parseValue(input, context, locale);
                    }

                    @Override
                    public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                               Locale locale) throws CoercingParseLiteralException {
                        return rfc3339.parseLiteral(input, variables, context, locale);
                    }
                })
                .build();
        return wiring -> wiring.scalar(dateTime).scalar(ExtendedScalars.GraphQLLong).scalar(ExtendedScalars.Json);
    }
}
