package io.acta.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acta.api.entity.CommandRejectedException;
import io.acta.api.entity.CommandTimeoutException;
import io.acta.api.entity.EntityFailureException;
import io.acta.api.entity.EntityUnavailableException;
import io.acta.api.view.ViewNotReachedException;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON responses: values as they are, and every failure in one error shape with the request id. */
final class Responses {
  private static final Logger log = LoggerFactory.getLogger(Responses.class);

  private final ObjectMapper mapper;

  Responses(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  HttpResponse ok(Object value, String requestId) {
    try {
      return HttpResponse.create()
          .withStatus(200)
          .withEntity(ContentTypes.APPLICATION_JSON, mapper.writeValueAsBytes(value))
          .addHeader(RawHeader.create(ApiRoutes.REQUEST_ID, requestId));
    } catch (JsonProcessingException e) {
      return error(
          new ApiError(500, "internal", "the reply could not be written as JSON"), requestId);
    }
  }

  HttpResponse error(ApiError e, String requestId) {
    ObjectNode error =
        mapper
            .createObjectNode()
            .put("status", e.status)
            .put("code", e.code)
            .put("message", e.getMessage())
            .put("requestId", requestId);
    ObjectNode body = mapper.createObjectNode();
    body.set("error", error);
    try {
      return HttpResponse.create()
          .withStatus(StatusCodes.get(e.status))
          .withEntity(ContentTypes.APPLICATION_JSON, mapper.writeValueAsBytes(body))
          .addHeader(RawHeader.create(ApiRoutes.REQUEST_ID, requestId));
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /**
   * The response for any failure: what the caller did wrong, or what is unavailable; details only
   * in the log.
   */
  HttpResponse failure(Throwable error, String requestId) {
    Throwable e =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    ApiError api =
        switch (e) {
          case ApiError a -> a;
          case CommandRejectedException r ->
              switch (r.rejection().kind()) {
                case CONFLICT -> new ApiError(409, "conflict", r.getMessage());
                case INVALID -> new ApiError(422, "invalid", r.getMessage());
                case FORBIDDEN -> new ApiError(403, "forbidden", r.getMessage());
              };
          case CommandTimeoutException t -> new ApiError(503, "unavailable", t.getMessage());
          case ViewNotReachedException v -> new ApiError(503, "unavailable", v.getMessage());
          case EntityUnavailableException u ->
              new ApiError(
                  503,
                  "unavailable",
                  safe(u.getMessage())
                      ? u.getMessage()
                      : "this node cannot take commands now; retry on another node");
          case EntityStreamSizeException s ->
              new ApiError(413, "too_large", "the request body is larger than allowed");
          case IllegalArgumentException i -> {
            log.info("Request {} refused: {}", requestId, i.getMessage());
            yield ApiError.badRequest(
                safe(i.getMessage()) ? i.getMessage() : "the request is not valid here");
          }
          case EntityFailureException f -> {
            // Its message names the command's class and the exception's: for the log only.
            log.warn("Request {} failed in the entity: {}", requestId, f.getMessage());
            yield new ApiError(
                500,
                "entity_failure",
                "the entity failed on this command (request " + requestId + ")");
          }
          default -> {
            log.error("Request {} failed", requestId, e);
            yield new ApiError(
                503,
                "unavailable",
                "the service cannot answer right now (request " + requestId + ")");
          }
        };
    if (api.status >= 500)
      log.warn("Request {} answered {}: {}", requestId, api.status, api.getMessage());
    return error(api, requestId);
  }

  /**
   * Whether a message from below the API may reach a client: not when it names a Java class or
   * package (an exception's name, a qualified type), which is about code, not about the request.
   */
  static boolean safe(String message) {
    return message != null && !message.isBlank() && !JAVA_NAME.matcher(message).find();
  }

  private static final Pattern JAVA_NAME =
      Pattern.compile(
          "\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*|\\b(?:java|javax|jdk|scala|org|com|io)\\."
              + "[a-z]|[A-Za-z]*(?:Exception|Error)\\b|\\$");
}
