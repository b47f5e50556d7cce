package io.hitgov.shared.web;

import static io.hitgov.shared.web.ErrorMessages.clean;
import static io.hitgov.shared.web.ErrorMessages.own;
import static io.hitgov.shared.web.ErrorMessages.reason;

import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.TaskConflictException;
import jakarta.ws.rs.WebApplicationException;
import org.glassfish.jersey.server.ParamException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.errorcode.BuiltinExceptionCode;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns any exception that reaches an HTTP boundary ({@code /engine-rest}, HITGov's {@code /api})
 * into a status and a JSON message: 400 for invalid input, 403 for a refused action, 404 for an
 * unknown object named in the URL path, 409 for a conflict (a task already completed or claimed by
 * someone else, a concurrent modification), and 500 only for a genuine server fault. A 500 says
 * nothing but a reference to the log; no answer carries a stack trace or SQL. The exception and
 * its causes are looked at by type, outermost first within each rule.
 */
@Component
public class ErrorClassifier {

  /** SQL states of a concurrent write that won: unique violation, serialization failure, deadlock. */
  private static final java.util.Set<String> CONCURRENCY_STATES = java.util.Set.of("23505", "40001", "40P01");

  private static final Logger LOG = LoggerFactory.getLogger(ErrorClassifier.class);

  /** A classified error: what the client gets. */
  public record Classified(int status, String type, String message, List<String> problems) {
    public Map<String, Object> body() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", type);
      body.put("message", message);
      if (problems != null && !problems.isEmpty()) {
        body.put("problems", problems);
      }
      return body;
    }
  }

  private static final Pattern TASK_PATH = Pattern.compile(".*/task/([^/]+)(/.*)?$");
  /** Engine messages (by their ENGINE code) that mean the request asked for something the model does not allow. */
  private static final Map<String, String> BAD_REQUEST_CODES = Map.of(
      "ENGINE-01009", "the model could not be parsed",
      "ENGINE-09003", "the model could not be parsed",
      "ENGINE-09005", "the model could not be parsed",
      "ENGINE-22004", "the decision table could not be read",
      "ENGINE-17007", "a variable cannot be set as sent",
      "ENGINE-13033", "no boundary event of the task catches this error",
      "ENGINE-02043", "no boundary event of the task catches this escalation",
      "ENGINE-13043", "no deployed model starts on a condition",
      "DMN-01005", "a decision input does not fit the type of its column");
  /** Engine messages without a code that mean the request's variables cannot be taken. */
  private static final List<String> BAD_VARIABLE_MESSAGES = List.of("Cannot find serializer for value",
      "Cannot deserialize", "Cannot serialize", "is not allowed to be deserialized", "is not whitelisted");
  private static final Pattern DEPLOYMENT_PATH = Pattern.compile(".*/deployment/create$");
  /** Path segments that are resource words, not ids (so never "the unknown object" of a 404). */
  private static final Set<String> PATH_WORDS = Set.of("engine-rest", "camunda", "api", "engine", "default", "task",
      "complete", "submit-form", "resolve", "bpmnError", "bpmnEscalation", "process-definition", "key", "start",
      "deployment", "create", "tenant-id", "claim", "unclaim", "assignee", "variables", "form-variables",
      "process-instance", "message", "delegate");

  private final HistoryService historyService;
  private final TaskService taskService;
  private final IdentityService identityService;

  public ErrorClassifier(HistoryService historyService, TaskService taskService, IdentityService identityService) {
    this.historyService = historyService;
    this.taskService = taskService;
    this.identityService = identityService;
  }

  public Classified classify(Throwable error, String path) {
    List<Throwable> chain = chain(error);
    for (Throwable t : chain) {
      if (t instanceof StatusException known) {
        return new Classified(known.httpStatus(), known.errorType(), own(t.getMessage(), known.errorType()),
            known.problems().isEmpty() ? null : known.problems());
      }
    }
    for (Throwable t : chain) {
      if (t instanceof InvalidVariablesException invalid) {
        return new Classified(400, "InvalidRequestException", own(invalid.getMessage(), "Invalid variables"),
            invalid.problems());
      }
    }
    for (Throwable t : chain) {
      if (t instanceof TaskConflictException conflict) {
        return new Classified(409, "Conflict", own(conflict.getMessage(), "Conflict"), null);
      }
    }
    for (Throwable t : chain) {
      if (t instanceof AuthorizationException) {
        return new Classified(403, "AuthorizationException", own(t.getMessage(), "Not allowed"), null);
      }
    }
    for (Throwable t : chain) {
      if (t instanceof OptimisticLockingException) {
        return new Classified(409, "Conflict",
            "The object was changed by someone else at the same time; reload it and try again", null);
      }
      if (t instanceof TaskAlreadyClaimedException claimed) {
        return new Classified(409, "Conflict", "Task " + claimed.getTaskId() + " is already claimed by "
            + claimed.getTaskAssignee(), null);
      }
    }
    for (Throwable t : chain) {
      // A concurrent transaction (another node, another user) wrote the same record first: the database's
      // unique key, serialization or deadlock check refused this one, which rolled back completely.
      if (t instanceof java.sql.SQLException sql && CONCURRENCY_STATES.contains(sql.getSQLState())) {
        return new Classified(409, "Conflict",
            "The object was changed by someone else at the same time; reload it and try again", null);
      }
    }
    for (Throwable t : chain) {
      if (t instanceof FormFieldValidationException || t instanceof ParseException) {
        return new Classified(400, "InvalidRequestException", clean(t.getMessage(), "Invalid input"), null);
      }
    }
    for (Throwable t : chain) {
      if (t instanceof NullValueException || t instanceof org.camunda.bpm.engine.exception.NotFoundException) {
        return notFoundOrInvalid(t, path);
      }
    }
    for (Throwable t : chain) {
      if (tooLong(t)) {
        return new Classified(400, "InvalidRequestException",
            "A value is longer than the database allows for it; shorten the texts of the request", null);
      }
    }
    for (Throwable t : chain) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      for (Map.Entry<String, String> code : BAD_REQUEST_CODES.entrySet()) {
        if (message.startsWith(code.getKey())) {
          return new Classified(400, "InvalidRequestException", clean(message, "Invalid request: " + code.getValue()),
              null);
        }
      }
      for (String known : BAD_VARIABLE_MESSAGES) {
        if (message.contains(known)) {
          return new Classified(400, "InvalidRequestException", "A variable cannot be taken as sent: "
              + clean(message, "its type or serialization is not accepted"), null);
        }
      }
      if (isSerializationProblem(t)) {
        return new Classified(400, "InvalidRequestException",
            clean(message, "A variable's value cannot be read as its declared type"), null);
      }
    }
    if (path != null && DEPLOYMENT_PATH.matcher(path).matches() && chain.stream().noneMatch(ErrorClassifier::persistence)) {
      for (Throwable t : chain) {
        if (t instanceof ProcessEngineException) {
          return new Classified(400, "InvalidRequestException", "The deployment was refused: "
              + clean(t.getMessage(), "a model could not be read"), null);
        }
      }
    }
    for (Throwable t : chain) {
      if (t instanceof BadUserRequestException) {
        return new Classified(400, "InvalidRequestException", clean(t.getMessage(), "Invalid request"), null);
      }
      if (t instanceof ParamException) {
        return UnreadableRequests.classify(List.of(t), path);
      }
      if (t instanceof RestException rest && rest.getStatus() != null && rest.getStatus().getStatusCode() < 500) {
        int status = rest.getStatus().getStatusCode();
        return new Classified(status, "InvalidRequestException", clean(rest.getMessage(), reason(status)), null);
      }
      if (t instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
        int status = web.getResponse().getStatus();
        return new Classified(status, "InvalidRequestException", clean(web.getMessage(), reason(status)), null);
      }
      if (t instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
        return new Classified(400, "InvalidRequestException", "The request body is not valid JSON of the expected shape: "
            + clean(json.getOriginalMessage(), "unreadable"), null);
      }
    }
    Classified unreadable = UnreadableRequests.classify(chain, path);
    if (unreadable != null) {
      return unreadable;
    }
    String reference = UUID.randomUUID().toString();
    LOG.error("Server error {} on {}", reference, path, error);
    return new Classified(500, "ServerError", "Internal server error; the operators find it in the log under reference "
        + reference, null);
  }

  /**
   * A null or unknown object: 404 when it is the task or definition named in the URL path (409
   * when that task existed and is completed already), otherwise 400 (a missing value in the request).
   */
  private Classified notFoundOrInvalid(Throwable t, String path) {
    String message = t.getMessage() == null ? "" : t.getMessage();
    Matcher task = TASK_PATH.matcher(path == null ? "" : path);
    if (task.matches()) {
      String taskId = task.group(1);
      switch (taskState(taskId)) {
        case COMPLETED -> {
          return new Classified(409, "Conflict", "Task " + taskId + " is already completed", null);
        }
        case UNKNOWN -> {
          return new Classified(404, "NotFound", "No task " + taskId, null);
        }
        case OPEN -> {
          return new Classified(400, "InvalidRequestException", clean(message, "A required value is missing"), null);
        }
      }
    }
    for (String segment : path == null ? new String[0] : path.split("/")) {
      if (!segment.isBlank() && !PATH_WORDS.contains(segment) && message.contains(segment)) {
        return new Classified(404, "NotFound", clean(message, "Not found: " + segment), null);
      }
    }
    return new Classified(400, "InvalidRequestException", clean(message, "A required value is missing"), null);
  }

  private enum TaskState { OPEN, COMPLETED, UNKNOWN }

  /** Whether the task exists, existed and is completed, or never existed; looked up without the caller's authorizations. */
  private TaskState taskState(String taskId) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      if (taskService.createTaskQuery().taskId(taskId).count() > 0) {
        return TaskState.OPEN;
      }
      return historyService.createHistoricTaskInstanceQuery().taskId(taskId).finished().count() > 0
          ? TaskState.COMPLETED : TaskState.UNKNOWN;
    } catch (RuntimeException e) {
      return TaskState.UNKNOWN;
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }

  private static boolean tooLong(Throwable t) {
    if (t instanceof ProcessEngineException engine && engine.getCode() == BuiltinExceptionCode.COLUMN_SIZE_TOO_SMALL.getCode()) {
      return true;
    }
    if (t instanceof SQLException sql && sql.getSQLState() != null) {
      return sql.getSQLState().equals("22001") || sql.getSQLState().equals("22003");
    }
    return false;
  }

  private static boolean persistence(Throwable t) {
    return t instanceof SQLException || t.getClass().getName().startsWith("org.apache.ibatis.")
        || t.getClass().getName().startsWith("org.springframework.dao.");
  }

  private static boolean isSerializationProblem(Throwable t) {
    String name = t.getClass().getName();
    return name.startsWith("org.camunda.spin.") || name.contains("Serializ") || name.contains("Deserializ");
  }

  private static List<Throwable> chain(Throwable error) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = error; t != null && chain.size() < 30 && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
      if (t instanceof SQLException sql && sql.getNextException() != null) {
        chain.add(sql.getNextException());
      }
    }
    return chain;
  }
}
