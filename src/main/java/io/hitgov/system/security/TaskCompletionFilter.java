package io.hitgov.system.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A task completion may only submit the fields of the task's form (docs/contract.md#errors: an
 * unknown variable is a 400). Without this, a completion could overwrite the variables the process
 * relies on (the gate, the specification, the risk id) with the approver's own values. Applies to
 * {@code /engine-rest} and to Tasklist's own engine API; only authenticated requests are checked,
 * the rest is left to Camunda's 401.
 *
 * <p>The fields of a task whose form is bound to its deployment (a literal {@code camunda:formRef}
 * with binding {@code deployment}, as every shipped model's) are remembered per process definition
 * and task: a deployment never changes, a redeployment is a new definition id. Any other form (bound
 * to the latest or to a numbered version, which a deleted and redeployed form could reuse, or named by
 * an expression or a form key) is read at every completion; which tasks have such a form is remembered too.
 */
class TaskCompletionFilter extends OncePerRequestFilter {

  static final Pattern COMPLETION = Pattern.compile(".*/task/([^/]+)/(complete|submit-form|resolve|bpmnError|bpmnEscalation)$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TaskService taskService;
  private final FormService formService;
  private final IdentityService identityService;
  private final RepositoryService repositoryService;
  /** The form fields by process definition id and task definition key, for forms bound to the deployment. */
  private final Map<String, Set<String>> fixedForms = new ConcurrentHashMap<>();
  /** The process definition ids and task definition keys whose forms are read at every completion. */
  private final Set<String> readEveryTime = ConcurrentHashMap.newKeySet();

  TaskCompletionFilter(TaskService taskService, FormService formService, IdentityService identityService,
      RepositoryService repositoryService) {
    this.taskService = taskService;
    this.formService = formService;
    this.identityService = identityService;
    this.repositoryService = repositoryService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher completion = COMPLETION.matcher(normalizedPath(request));
    if (!"POST".equalsIgnoreCase(request.getMethod()) || !completion.matches() || !authenticated(request)
        || request.getContentType() == null
        || !request.getContentType().toLowerCase(java.util.Locale.ROOT).contains("json")) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    String refusal = refusal(completion.group(1), body);
    if (refusal != null) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      JSON.writeValue(response.getWriter(), Map.of("type", "InvalidRequestException", "message", refusal));
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  /** The path as Jersey will match it: percent-decoded, without matrix parameters or trailing slashes. */
  static String normalizedPath(HttpServletRequest request) {
    String path;
    try {
      path = new java.net.URI(request.getRequestURI()).getPath();
    } catch (java.net.URISyntaxException e) {
      path = request.getRequestURI();
    }
    path = path.replaceAll(";[^/]*", "");
    while (path.endsWith("/") && path.length() > 1) {
      path = path.substring(0, path.length() - 1);
    }
    return path;
  }

  private boolean authenticated(HttpServletRequest request) {
    if (request.getRequestURI().contains("/engine-rest/")) {
      return identityService.getCurrentAuthentication() != null;
    }
    HttpSession session = request.getSession(false);
    if (session == null) {
      return false;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    return authentications != null && !authentications.getAuthentications().isEmpty();
  }

  /**
   * Why the submitted variables are refused, or null: the names the task's Camunda Form does not
   * have. A task without a form, or whose form cannot be read (deleted, not a Camunda Form, not
   * JSON), accepts no variables at all: the check fails closed.
   */
  private String refusal(String taskId, byte[] body) {
    JsonNode variables;
    try {
      variables = JSON.readTree(body).path("variables");
    } catch (IOException e) {
      // refused here rather than left to Camunda: a body this check cannot read is not passed on unchecked
      return "Malformed JSON body: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException json
          ? json.getOriginalMessage() : "unreadable");
    }
    if (!variables.isObject() || variables.isEmpty()) {
      return null;
    }
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
      if (task == null) {
        return null; // Camunda answers the unknown task itself
      }
      Set<String> allowed = task.getProcessDefinitionId() == null ? null : formFields(task);
      Set<String> unknown = new TreeSet<>();
      variables.fieldNames().forEachRemaining(name -> {
        if (allowed == null || !allowed.contains(name)) {
          unknown.add(name);
        }
      });
      if (unknown.isEmpty()) {
        return null;
      }
      String refused = "Invalid variables: " + unknown + " are not fields of this task's form";
      return allowed != null ? refused
          : refused + " (" + (task.getProcessDefinitionId() != null && hasForm(task)
              ? "its form cannot be read" : "the task has no Camunda Form") + ", so it takes no variables)";
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }

  /** The keys of the task's deployed Camunda Form, remembered when bound to the deployment; null: no readable form. */
  private Set<String> formFields(Task task) {
    String key = task.getProcessDefinitionId() + '\n' + task.getTaskDefinitionKey();
    Set<String> remembered = fixedForms.get(key);
    if (remembered != null) {
      return remembered;
    }
    Set<String> allowed = new TreeSet<>();
    try (InputStream form = formService.getDeployedTaskForm(task.getId())) {
      collectKeys(JSON.readTree(form), allowed);
    } catch (RuntimeException | IOException e) {
      return null;
    }
    if (!readEveryTime.contains(key)) {
      if (boundToItsDeployment(task)) {
        fixedForms.put(key, Set.copyOf(allowed));
      } else {
        readEveryTime.add(key);
      }
    }
    return allowed;
  }

  /** Whether the task's model names a form at all (a form reference or a form key). */
  private boolean hasForm(Task task) {
    try {
      ModelElementInstance element = repositoryService.getBpmnModelInstance(task.getProcessDefinitionId())
          .getModelElementById(task.getTaskDefinitionKey());
      return element instanceof UserTask userTask
          && (userTask.getCamundaFormRef() != null || userTask.getCamundaFormKey() != null);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Whether the task's form is fixed: a literal form reference bound to the deployment (false if unknown). */
  private boolean boundToItsDeployment(Task task) {
    ModelElementInstance element;
    try {
      element = repositoryService.getBpmnModelInstance(task.getProcessDefinitionId())
          .getModelElementById(task.getTaskDefinitionKey());
    } catch (RuntimeException e) {
      return false;
    }
    return element instanceof UserTask userTask && userTask.getCamundaFormRef() != null
        && !userTask.getCamundaFormRef().contains("${") && !userTask.getCamundaFormRef().contains("#{")
        && "deployment".equals(userTask.getCamundaFormRefBinding());
  }

  private static void collectKeys(JsonNode node, Set<String> keys) {
    if (node.isObject()) {
      if (node.hasNonNull("key") && node.get("key").isTextual() && node.has("type")) {
        keys.add(node.get("key").asText());
      }
      node.forEach(child -> collectKeys(child, keys));
    } else if (node.isArray()) {
      node.forEach(child -> collectKeys(child, keys));
    }
  }
}
