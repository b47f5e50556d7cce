package io.hitgov.shared.web;

import static io.hitgov.shared.web.ErrorMessages.clean;

import io.hitgov.shared.web.ErrorClassifier.Classified;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.glassfish.jersey.server.ParamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests Camunda's REST layer cannot read, which it lets fail as server errors: a NullPointerException
 * in its resources and request DTOs (a {@code null} body, {@code [null]} in a list, a missing field),
 * an empty list the engine refuses ({@code ... is empty}), a query parameter JAX-RS cannot convert
 * (which JAX-RS answers with 404), and a {@code null} element of a list that Spin's JSON mapping writes as
 * a variable. All are 400s, logged at WARN so that a real server fault among them would still be seen.
 */
final class UnreadableRequests {

  private static final Logger LOG = LoggerFactory.getLogger(UnreadableRequests.class);
  /** Packages of Camunda's REST layers: the resources and the DTOs they read requests into. */
  private static final List<String> REQUEST_READERS = List.of("org.camunda.bpm.engine.rest.dto.",
      "org.camunda.bpm.engine.rest.impl.", "org.camunda.bpm.engine.rest.sub.", "org.camunda.bpm.cockpit.impl.plugin.");
  /** Spin's type detection of a list a request sent as a variable: a null element. */
  private static final String SPIN_LIST_TYPE = "org.camunda.spin.impl.json.jackson.format.ListJacksonJsonTypeDetector";

  private UnreadableRequests() {}

  /** The 400 for a request that could not be read, or null when {@code chain} shows no such case. */
  static Classified classify(List<Throwable> chain, String path) {
    for (Throwable t : chain) {
      if (t instanceof ParamException param) {
        return new Classified(400, "InvalidRequestException", "The parameter " + param.getParameterName()
            + " is not a valid value of its kind (a number, a date, true or false)", null);
      }
      if (t instanceof NullPointerException npe && inRequestReading(npe, path)) {
        LOG.warn("400 for a null that Camunda's REST layer could not read on {}: {}", path, npe.getMessage());
        return new Classified(400, "InvalidRequestException", "The request lacks a value where one is required:"
            + " the body, a field, or an element of a list is null or missing", null);
      }
      if (t.getClass() == ProcessEngineException.class && t.getMessage() != null && t.getMessage().endsWith(" is empty")
          && camundaRest(path)) {
        LOG.warn("400 for an empty list on {}: {}", path, t.getMessage());
        return new Classified(400, "InvalidRequestException", clean(t.getMessage(), "A list is empty"), null);
      }
    }
    return null;
  }

  private static boolean inRequestReading(NullPointerException npe, String path) {
    StackTraceElement[] stack = npe.getStackTrace();
    if (stack.length == 0) {
      return false;
    }
    String thrower = stack[0].getClassName();
    return thrower.equals(SPIN_LIST_TYPE) || camundaRest(path) && REQUEST_READERS.stream().anyMatch(thrower::startsWith);
  }

  /** Camunda's REST API or the webapps' copies of it. */
  private static boolean camundaRest(String path) {
    return path != null && (path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/"));
  }
}
