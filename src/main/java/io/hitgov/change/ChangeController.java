package io.hitgov.change;

import static io.hitgov.shared.web.ApiAccess.GOVERNANCE_READERS;
import static io.hitgov.shared.web.ApiAccess.requireAnyGroup;

import io.hitgov.change.ChangeRecords.ChangeRequest;
import io.hitgov.lifecycle.ProjectBaselines.Baseline;
import io.hitgov.lifecycle.ProjectBaselines;
import io.hitgov.shared.process.InvalidVariablesException;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Change requests: raise one, read one, decide an approval, and a project's change log with the scope-creep figures. */
@RestController
class ChangeController {

  static final Set<String> DECISION_FIELDS = Set.of("approved", "decisionComment");

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ChangeRepository repository;
  private final ProjectBaselines projects;
  private final ChangeSegregation duties;

  ChangeController(RuntimeService runtimeService, TaskService taskService, ChangeRepository repository,
      ProjectBaselines projects, ChangeSegregation duties) {
    this.duties = duties;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.repository = repository;
    this.projects = projects;
  }

  /** The same start as Tasklist's form and /engine-rest, as the authenticated user (the requester). */
  @PostMapping("/api/change-requests")
  ResponseEntity<Map<String, Object>> raise(@RequestBody Map<String, Object> body) {
    Map<String, Object> variables = new HashMap<>(body);
    // the API takes the affected interfaces as a JSON list of ids; the process keeps them comma-separated
    if (variables.get(ChangeRequestProcess.Variables.AFFECTED_INTERFACES) instanceof List<?> ids
        && ids.stream().allMatch(String.class::isInstance)) {
      variables.put(ChangeRequestProcess.Variables.AFFECTED_INTERFACES,
          String.join(",", ids.stream().map(String.class::cast).toList()));
    }
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(ChangeRequestProcess.KEY, variables);
    ChangeRequest cr = repository.get(instance.getBusinessKey());
    Map<String, Object> created = new LinkedHashMap<>();
    created.put("changeRequestId", cr.changeRequestId());
    created.put("status", cr.status());
    created.put("requiredApprovals", cr.requiredApprovals() == null ? List.of() : List.of(cr.requiredApprovals().split(",")));
    created.put("processInstanceId", instance.getId());
    return ResponseEntity.created(URI.create("/api/change-requests/" + cr.changeRequestId())).body(created);
  }

  @GetMapping("/api/change-requests/{id}")
  Map<String, Object> changeRequest(@PathVariable String id, Authentication user) {
    requireAnyGroup(user, GOVERNANCE_READERS, "read change requests");
    ChangeRequest cr = find(id);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("changeRequest", cr);
    answer.put("approvals", repository.approvals(id));
    answer.put("events", repository.events(id));
    return answer;
  }

  /**
   * Decides the open approval of this change for one of the caller's groups, as the caller. The
   * same rules as in Tasklist apply: the requester and the implementer are refused with 403.
   */
  @PostMapping("/api/change-requests/{id}/approvals")
  @Transactional // one transaction: the checks, the completion and the answer read each row once (docs/performance.md)
  Map<String, Object> decide(@PathVariable String id, @RequestBody Map<String, Object> body, Authentication user) {
    ChangeRequest cr = find(id);
    List<String> unknown = body.keySet().stream().filter(k -> !DECISION_FIELDS.contains(k)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw new InvalidVariablesException(unknown + " are not fields of an approval " + DECISION_FIELDS);
    }
    if (!(body.get("approved") instanceof Boolean)) {
      throw new InvalidVariablesException("approved is required (Boolean)");
    }
    if (body.get("decisionComment") != null && !(body.get("decisionComment") instanceof String)) {
      throw new InvalidVariablesException("decisionComment must be a String");
    }
    List<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    if (groups.isEmpty()) {
      throw new AuthorizationException("User '" + user.getName() + "' belongs to no group and has no approval of " + id);
    }
    // the requester's approval tasks are hidden from her (a REVOKE): say why instead of "no open approval"
    duties.checkApprover(id, user.getName());
    Task task = taskService.createTaskQuery().processInstanceId(cr.processInstanceId())
        .taskDefinitionKey(ChangeRequestProcess.Elements.APPROVE).taskCandidateGroupIn(groups).list().stream()
        .findFirst().orElseThrow(() -> new AuthorizationException("User '" + user.getName()
            + "' has no open approval of " + id + " for their groups " + groups));
    taskService.complete(task.getId(), new HashMap<>(body));
    return changeRequest(id, user);
  }

  /** The change log: every request with its outcome, and the approved cost and schedule impact so far. */
  @GetMapping("/api/projects/{projectId}/changes")
  Map<String, Object> changes(@PathVariable String projectId, Authentication user) {
    requireAnyGroup(user, GOVERNANCE_READERS, "read the change log");
    Baseline project = projects.find(projectId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No project " + projectId));
    List<ChangeRequest> all = repository.ofProject(projectId);
    List<ChangeRequest> approved = all.stream().filter(c -> ChangeRequestProcess.Values.APPROVED.equals(c.outcome()))
        .toList();
    long cost = approved.stream().mapToLong(ChangeRequest::costImpact).sum();
    int days = approved.stream().mapToInt(ChangeRequest::scheduleImpactDays).sum();
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("approvedChanges", approved.size());
    totals.put("rejectedChanges", all.stream().filter(c -> ChangeRequestProcess.Values.REJECTED.equals(c.outcome())).count());
    totals.put("openChanges", all.stream().filter(c -> c.outcome() == null).count());
    totals.put("approvedCostImpact", cost);
    totals.put("approvedScheduleImpactDays", days);
    totals.put("baselineBudget", project.baselineBudget());
    totals.put("currentBudget", project.budget());
    totals.put("scopeCreepPercent", project.baselineBudget() == 0 ? 0
        : Math.round(cost * 1000.0 / project.baselineBudget()) / 10.0);
    totals.put("baselineGoLiveDate", project.baselineGoLiveDate());
    totals.put("goLiveDate", project.goLiveDate());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("projectId", projectId);
    answer.put("totals", totals);
    answer.put("changes", all);
    answer.put("baselineChanges", repository.baselineChanges(projectId));
    return answer;
  }

  private ChangeRequest find(String id) {
    return repository.find(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No change request " + id));
  }
}
