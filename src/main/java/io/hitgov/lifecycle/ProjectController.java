package io.hitgov.lifecycle;

import static io.hitgov.shared.web.ApiAccess.GOVERNANCE_READERS;
import static io.hitgov.shared.web.ApiAccess.requireAnyGroup;

import io.hitgov.lifecycle.LifecycleRecords.Checkpoint;
import io.hitgov.lifecycle.LifecycleRecords.Phase;
import io.hitgov.lifecycle.LifecycleRecords.Project;
import io.hitgov.shared.GovernanceGroup;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.IsoDates;
import io.hitgov.shared.project.ProjectConditions;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Projects: start one, the project list, one project's state (phase, next gate, planned vs actual
 * dates, readiness trend, gate conditions), and moving its go-live date. The gate record is
 * stagegate's ({@code GET /api/projects/{projectId}/gates}).
 */
@RestController
class ProjectController {

  /** Who may move a go-live date directly (change requests move it through their own approval). */
  static final Set<String> GO_LIVE_MOVERS = Set.of(GovernanceGroup.PMO.id(), GovernanceGroup.EXECUTIVE_SPONSOR.id());
  static final Set<String> GO_LIVE_FIELDS = Set.of("newGoLiveDate", "reason");
  /** The longest reason for a go-live move (it is kept in the project's event log). */
  static final int MAX_REASON = 1000;

  private final RuntimeService runtimeService;
  private final ProjectRepository repository;
  private final ProjectBaselines baselines;
  private final ProjectConditions conditions;

  ProjectController(RuntimeService runtimeService, ProjectRepository repository, ProjectBaselines baselines,
      ProjectConditions conditions) {
    this.runtimeService = runtimeService;
    this.repository = repository;
    this.baselines = baselines;
    this.conditions = conditions;
  }

  /** Starts ImplementationLifecycleProcess as the authenticated user (PMO or project manager); 400 names bad fields. */
  @PostMapping("/api/projects")
  ResponseEntity<Map<String, Object>> start(@RequestBody Map<String, Object> body) {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(ImplementationLifecycleProcess.KEY,
        new HashMap<>(body));
    Map<String, Object> created = new LinkedHashMap<>();
    created.put("projectId", instance.getBusinessKey());
    created.put("processInstanceId", instance.getId());
    return ResponseEntity.created(URI.create("/api/projects/" + instance.getBusinessKey())).body(created);
  }

  @GetMapping("/api/projects")
  List<Map<String, Object>> projects(@RequestParam(required = false) String status, Authentication user) {
    requireAnyGroup(user, GOVERNANCE_READERS, "read projects");
    if (status != null && !List.of("ACTIVE", "CLOSED", "TERMINATED").contains(status)) {
      throw new InvalidVariablesException("status '" + status + "' is not one of [ACTIVE, CLOSED, TERMINATED]");
    }
    return repository.findAll(status).stream().map(ProjectController::summary).toList();
  }

  @GetMapping("/api/projects/{projectId}")
  Map<String, Object> project(@PathVariable String projectId, Authentication user) {
    requireAnyGroup(user, GOVERNANCE_READERS, "read projects");
    Project project = find(projectId);
    Map<String, Object> answer = summary(project);
    answer.put("phases", repository.phases(projectId).stream().map(ProjectController::phase).toList());
    List<Checkpoint> trend = repository.checkpoints(projectId);
    answer.put("readinessTrend", trend);
    List<? extends ProjectConditions.Condition> raised = conditions.conditions(projectId);
    answer.put("conditions", raised);
    answer.put("openConditions", raised.stream().filter(c -> "OPEN".equals(c.status())).count());
    answer.put("deliverables", repository.deliverables(projectId));
    answer.put("events", repository.events(projectId));
    return answer;
  }

  /**
   * Moves the go-live date (PMO or executive sponsor): sends GoLiveDateChanged to the project's
   * lifecycle instance, which re-plans its dates and timers. The message is sent by HITGov on the
   * caller's behalf once the group check passed, so the PMO needs no engine update rights.
   */
  @PostMapping("/api/projects/{projectId}/go-live-date")
  Map<String, Object> moveGoLive(@PathVariable String projectId, @RequestBody Map<String, Object> body,
      Authentication user) {
    requireAnyGroup(user, GO_LIVE_MOVERS, "move a go-live date");
    Project project = find(projectId);
    Object date = body.get("newGoLiveDate");
    Object reason = body.get("reason");
    List<String> unknown = body.keySet().stream().filter(k -> !GO_LIVE_FIELDS.contains(k)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw new InvalidVariablesException(unknown + " are not fields of a go-live move " + GO_LIVE_FIELDS);
    }
    if (!(date instanceof String) || ((String) date).isBlank()) {
      throw new InvalidVariablesException("newGoLiveDate is required (ISO date yyyy-MM-dd)");
    }
    if (reason != null && !(reason instanceof String)) {
      throw new InvalidVariablesException("reason must be a String");
    }
    if (reason instanceof String text && text.length() > MAX_REASON) {
      throw new InvalidVariablesException("reason is longer than " + MAX_REASON + " characters");
    }
    baselines.whyGoLiveCannotMove(projectId).ifPresent(problem -> {
      throw new InvalidVariablesException("Go-live of " + projectId + " cannot move: " + problem);
    });
    baselines.moveGoLive(projectId, IsoDates.parseRequired(ImplementationLifecycleProcess.Variables.NEW_GO_LIVE_DATE,
        (String) date), (String) reason);
    Project moved = find(projectId);
    return Map.of("projectId", projectId, "goLiveDate", moved.goLiveDate().toString(),
        "previousGoLiveDate", project.goLiveDate().toString());
  }

  private Project find(String projectId) {
    return repository.find(projectId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No project " + projectId));
  }

  private static Map<String, Object> summary(Project p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("projectId", p.projectId());
    m.put("projectName", p.projectName());
    m.put("status", p.status());
    m.put("currentPhase", p.currentPhase());
    m.put("nextGate", p.nextGate());
    m.put("goLiveDate", p.goLiveDate());
    m.put("baselineGoLiveDate", p.baselineGoLiveDate());
    m.put("actualGoLiveDate", p.actualGoLiveDate());
    m.put("budget", p.budget());
    m.put("baselineBudget", p.baselineBudget());
    m.put("sponsor", p.sponsor());
    m.put("projectManager", p.projectManager());
    m.put("vendorSelectionRequired", p.vendorSelectionRequired());
    m.put("projectType", p.projectType());
    m.put("readinessCriteria", p.applicableCriteria());
    m.put("readinessOutcome", p.readinessOutcome());
    m.put("readinessProposal", p.readinessProposal());
    m.put("startedAt", p.startedAt());
    m.put("endedAt", p.endedAt());
    return m;
  }

  private static Map<String, Object> phase(Phase phase) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("phase", phase.phase());
    m.put("plannedStart", phase.plannedStart());
    m.put("plannedEnd", phase.plannedEnd());
    m.put("actualStart", phase.actualStart());
    m.put("actualEnd", phase.actualEnd());
    m.put("entries", phase.entries());
    m.put("skipped", phase.skipped());
    return m;
  }
}
