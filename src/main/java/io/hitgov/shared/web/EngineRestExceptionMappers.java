package io.hitgov.shared.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.springframework.web.context.support.WebApplicationContextUtils;
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

  /**
   * The mappers; {@code classifier} null finds the Spring context's classifier per request, for the
   * webapps' JAX-RS applications that Spring does not build ({@link WebappApiErrors}).
   */
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

  /** Hands its exception type to the classifier; one subclass per type Camunda maps itself. */
  abstract static class Classifying<E extends Throwable> implements ExceptionMapper<E> {
    /** Null in the webapps' APIs: the classifier of the Spring context that serves the request. */
    private final ErrorClassifier classifier;
    @Context private ServletContext servletContext;

    Classifying(ErrorClassifier classifier) {
      this.classifier = classifier;
    }

    @Override
    public Response toResponse(E exception) {
      return respond(classifier != null ? classifier : WebApplicationContextUtils
          .getRequiredWebApplicationContext(servletContext).getBean(ErrorClassifier.class), exception);
    }
  }

  @Priority(1)
  public static final class ForThrowable extends Classifying<Throwable> {
    ForThrowable(ErrorClassifier classifier) {
      super(classifier);
    }
  }

  @Priority(1)
  public static final class ForProcessEngineException extends Classifying<ProcessEngineException> {
    ForProcessEngineException(ErrorClassifier classifier) {
      super(classifier);
    }
  }

  @Priority(1)
  public static final class ForRestException extends Classifying<RestException> {
    ForRestException(ErrorClassifier classifier) {
      super(classifier);
    }
  }

  @Priority(1)
  public static final class ForJsonMapping extends Classifying<JsonMappingException> {
    ForJsonMapping(ErrorClassifier classifier) {
      super(classifier);
    }
  }

  @Priority(1)
  public static final class ForJsonParse extends Classifying<JsonParseException> {
    ForJsonParse(ErrorClassifier classifier) {
      super(classifier);
    }
  }
}
