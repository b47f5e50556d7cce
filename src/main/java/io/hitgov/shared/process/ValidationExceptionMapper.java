package io.hitgov.shared.process;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * Camunda's REST layer wraps an exception from {@code /process-definition/.../start} into a 500
 * {@link RestException}. When the cause is an {@link InvalidVariablesException} this answers 400
 * with its message instead (contract.md, "Errors"); every other error keeps Camunda's answer.
 */
@Provider
@Priority(1)
public class ValidationExceptionMapper implements ExceptionMapper<RestException> {

  private final RestExceptionHandler camundaDefault = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidVariablesException invalid) {
        return Response.status(Response.Status.BAD_REQUEST)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(Map.of("type", "InvalidRequestException", "message", invalid.getMessage(),
                "problems", invalid.problems()))
            .build();
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return camundaDefault.toResponse(exception);
  }
}
