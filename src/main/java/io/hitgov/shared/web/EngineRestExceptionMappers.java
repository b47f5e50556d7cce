package io.hitgov.shared.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The exception mappers of {@code /engine-rest}. Camunda's REST layer wraps most engine errors
 * into a 500 (an unknown task id, a task completed twice, a null variable, an unparsable model);
 * these mappers, one per exception type Camunda maps itself so that Jersey always picks HITGov's
 * ({@link Priority} 1 beats Camunda's default), hand every exception to {@link ErrorClassifier}.
 */
public final class EngineRestExceptionMappers {

  private EngineRestExceptionMappers() {}

  public static List<Object> all(ErrorClassifier classifier) {
    return List.of(new ForThrowable(classifier), new ForProcessEngineException(classifier),
        new ForRestException(classifier), new ForJsonMapping(classifier), new ForJsonParse(classifier));
  }

  static Response respond(ErrorClassifier classifier, Throwable error) {
    ErrorClassifier.Classified classified = classifier.classify(error, currentPath());
    return Response.status(classified.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(classified.body()).build();
  }

  private static String currentPath() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      return request.getRequestURI();
    }
    return null;
  }

  @Priority(1)
  public static final class ForThrowable implements ExceptionMapper<Throwable> {
    private final ErrorClassifier classifier;

    ForThrowable(ErrorClassifier classifier) {
      this.classifier = classifier;
    }

    @Override
    public Response toResponse(Throwable exception) {
      return respond(classifier, exception);
    }
  }

  @Priority(1)
  public static final class ForProcessEngineException implements ExceptionMapper<ProcessEngineException> {
    private final ErrorClassifier classifier;

    ForProcessEngineException(ErrorClassifier classifier) {
      this.classifier = classifier;
    }

    @Override
    public Response toResponse(ProcessEngineException exception) {
      return respond(classifier, exception);
    }
  }

  @Priority(1)
  public static final class ForRestException implements ExceptionMapper<RestException> {
    private final ErrorClassifier classifier;

    ForRestException(ErrorClassifier classifier) {
      this.classifier = classifier;
    }

    @Override
    public Response toResponse(RestException exception) {
      return respond(classifier, exception);
    }
  }

  @Priority(1)
  public static final class ForJsonMapping implements ExceptionMapper<JsonMappingException> {
    private final ErrorClassifier classifier;

    ForJsonMapping(ErrorClassifier classifier) {
      this.classifier = classifier;
    }

    @Override
    public Response toResponse(JsonMappingException exception) {
      return respond(classifier, exception);
    }
  }

  @Priority(1)
  public static final class ForJsonParse implements ExceptionMapper<JsonParseException> {
    private final ErrorClassifier classifier;

    ForJsonParse(ErrorClassifier classifier) {
      this.classifier = classifier;
    }

    @Override
    public Response toResponse(JsonParseException exception) {
      return respond(classifier, exception);
    }
  }
}
