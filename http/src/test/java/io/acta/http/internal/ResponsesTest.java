package io.acta.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acta.api.entity.EntityUnavailableException;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.Test;

class ResponsesTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final Responses responses = new Responses(mapper);

  @Test
  void aNodeFencingItselfAnswers503WithItsReasonForTheClientToRetryElsewhere() throws Exception {
    String reason =
        "this node was paused for 21.3 s, longer than its pause fence (acta.node.pause-fence ="
            + " 4.0 s), and may have been replaced meanwhile: it takes no command and is shutting"
            + " down; nothing was stored";
    HttpResponse response = responses.failure(new EntityUnavailableException(reason), "r-1");
    assertThat(response.status().intValue()).isEqualTo(503);
    JsonNode error =
        mapper
            .readTree(((HttpEntity.Strict) response.entity()).getData().utf8String())
            .get("error");
    assertThat(error.get("code").asText()).isEqualTo("unavailable");
    assertThat(error.get("message").asText()).isEqualTo(reason);
    assertThat(error.get("requestId").asText()).isEqualTo("r-1");
  }
}
