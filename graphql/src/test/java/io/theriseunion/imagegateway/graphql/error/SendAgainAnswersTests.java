package io.theriseunion.imagegateway.graphql.error;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import io.theriseunion.imagegateway.app.command.CatalogueLaggingException;
import io.theriseunion.imagegateway.app.command.ConcurrentChangeException;
import io.theriseunion.imagegateway.app.repository.BatchWorkersBusyException;
import io.theriseunion.imagegateway.app.repository.KubernetesStatus;
import io.theriseunion.imagegateway.domain.api.GatewayException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refusal that stored nothing and may succeed when sent again tells when (REST: {@code Retry-After}, which
 * client-go and so kubectl follow by themselves, and the Status' {@code details.retryAfterSeconds}; GraphQL:
 * {@code extensions.retryAfterSeconds}); one whose change was stored but not yet shown does not, since sent again it
 * would be refused (a create as AlreadyExists).
 */
class SendAgainAnswersTests {

    @Test
    void aChangeThatLostEveryRaceIsAnsweredWithWhenToSendItAgain() {
        ResponseEntity<KubernetesStatus> answer = KubernetesStatus.of(new ConcurrentChangeException(), "web").toResponse();
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(answer.getBody().reason()).isEqualTo("ServiceUnavailable");
        assertThat(answer.getBody().details().retryAfterSeconds()).isEqualTo(1L);
        assertThat(graphQl(new ConcurrentChangeException()).getExtensions())
                .containsEntry("code", "UNAVAILABLE").containsEntry("retryAfterSeconds", 1L);
    }

    @Test
    void aBatchItemTheBusyWorkersDidNotAttemptSaysWhenToSendItAgain() {
        ResponseEntity<KubernetesStatus> answer = KubernetesStatus.of(new BatchWorkersBusyException(500), "web")
                                                                  .toResponse();
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getBody().details().retryAfterSeconds()).isEqualTo(5L);
    }

    @Test
    void aStoredChangeTheCatalogueDidNotShowInTimeIsNotToBeSentAgain() {
        ResponseEntity<KubernetesStatus> answer = KubernetesStatus.of(new CatalogueLaggingException(), "web").toResponse();
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().containsKey(HttpHeaders.RETRY_AFTER)).isFalse();
        assertThat(answer.getBody().details().retryAfterSeconds()).isNull();
        assertThat(graphQl(new CatalogueLaggingException()).getExtensions()).doesNotContainKey("retryAfterSeconds");
    }

    private static GraphQLError graphQl(GatewayException refusal) {
        return ErrorCodes.error(GraphqlErrorBuilder.newError(), refusal.errorCode(), refusal.getMessage(),
                                refusal.field(), refusal.retryAfter());
    }
}
