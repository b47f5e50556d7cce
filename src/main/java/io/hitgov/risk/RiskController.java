package io.hitgov.risk;

import static io.hitgov.shared.web.ApiAccess.requireAnyGroup;

import io.hitgov.shared.project.ProjectDirectory;
import io.hitgov.risk.RiskRecords.Risk;
import io.hitgov.risk.RiskRecords.RiskEvent;
import io.hitgov.shared.GovernanceGroup;
import io.hitgov.shared.process.InvalidVariablesException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
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

/** The risk register's API: raise a risk, read a project's register, one risk's history, the heat map, gate holds. */
@RestController
class RiskController {

  static final Set<String> READERS = io.hitgov.shared.web.ApiAccess.GOVERNANCE_READERS;

  /** The longest reason for releasing gate holds (kept in the risk's history). */
  static final int MAX_REASON = 1000;

  private final RuntimeService runtimeService;
  private final RiskRepository repository;
  private final RiskGateHolds holds;
  private final ProjectDirectory projects;

  RiskController(RuntimeService runtimeService, RiskRepository repository, RiskGateHolds holds,
      ProjectDirectory projects) {
    this.runtimeService = runtimeService;
    this.repository = repository;
    this.holds = holds;
    this.projects = projects;
  }

  /**
   * Raises a risk: the same start as Tasklist's form and {@code /engine-rest}, as the authenticated
   * user (who must be allowed to start RiskEscalationProcess). 400 names any bad field.
   */
  @PostMapping("/api/risks")
  ResponseEntity<Map<String, Object>> raise(@RequestBody Map<String, Object> body, Authentication user) {
    Map<String, Object> variables = new HashMap<>(body);
    // the answer comes from the started instance's variables (set by RegisterRisk and ScoreRisk), not another read
    ProcessInstanceWithVariables instance = runtimeService.createProcessInstanceByKey(RiskEscalationProcess.KEY)
        .setVariables(variables).executeWithVariablesInReturn();
    String riskId = instance.getBusinessKey();
    Map<String, Object> created = new LinkedHashMap<>();
    created.put("riskId", riskId);
    created.put("riskScore", instance.getVariables().get(RiskEscalationProcess.Variables.SCORE));
    created.put("riskBand", instance.getVariables().get(RiskEscalationProcess.Variables.BAND));
    created.put("processInstanceId", instance.getId());
    return ResponseEntity.created(URI.create("/api/risks/" + riskId)).body(created);
  }

  @GetMapping("/api/risks/{riskId}")
  Map<String, Object> risk(@PathVariable String riskId, Authentication user) {
    requireAnyGroup(user, READERS, "read the risk register");
    Risk risk = repository.find(riskId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No risk " + riskId));
    List<RiskEvent> history = repository.events(riskId);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("risk", risk);
    answer.put("history", history);
    answer.put("gateHolds", repository.activeHoldsOfRisk(riskId));
    return answer;
  }

  @GetMapping("/api/projects/{projectId}/risks")
  List<Risk> register(@PathVariable String projectId, @RequestParam(required = false) String band,
      @RequestParam(required = false) String status, @RequestParam(required = false) String category,
      Authentication user) {
    requireAnyGroup(user, READERS, "read the risk register");
    requireProject(projectId);
    check("band", band, RiskEscalationProcess.Values.BANDS);
    check("category", category, RiskEscalationProcess.Values.CATEGORIES);
    check("status", status, List.of("OPEN", "MITIGATING", "ACCEPTANCE_PENDING", "ACCEPTED", "CLOSURE_PENDING",
        "CLOSED", "CONVERTED_TO_ISSUE"));
    return repository.findOfProject(projectId, band, status, category);
  }

  /** Counts of open risks per likelihood x impact cell, all 25 cells. */
  @GetMapping("/api/risks/heatmap")
  Map<String, Object> heatmap(@RequestParam String projectId, Authentication user) {
    requireAnyGroup(user, READERS, "read the risk register");
    if (!projects.isRegistered(projectId)) {
      throw new InvalidVariablesException("projectId '" + projectId + "' is not a known project");
    }
    Map<String, Integer> counts = new HashMap<>();
    repository.heatmap(projectId).forEach(cell -> counts.put(cell[0] + "x" + cell[1], cell[2]));
    List<Map<String, Integer>> cells = new ArrayList<>();
    int total = 0;
    for (int likelihood = 5; likelihood >= 1; likelihood--) {
      for (int impact = 1; impact <= 5; impact++) {
        int count = counts.getOrDefault(likelihood + "x" + impact, 0);
        total += count;
        cells.add(Map.of("likelihood", likelihood, "impact", impact, "count", count));
      }
    }
    return Map.of("projectId", projectId, "openRisks", total, "cells", cells);
  }

  /** Gates a project cannot pass now, and the risks that hold them. */
  @GetMapping("/api/projects/{projectId}/gate-holds")
  Object gateHolds(@PathVariable String projectId, Authentication user) {
    requireAnyGroup(user, READERS, "read gate holds");
    requireProject(projectId);
    return holds.active(projectId);
  }

  /** The patient-safety office releases the gate holds of a risk converted to an issue, with a reason. */
  @PostMapping("/api/risks/{riskId}/gate-holds/release")
  Map<String, Object> releaseHolds(@PathVariable String riskId, @RequestBody Map<String, Object> body,
      Authentication user) {
    requireAnyGroup(user, Set.of(GovernanceGroup.PATIENT_SAFETY.id(), GovernanceGroup.CMIO.id()), "release patient-safety gate holds");
    repository.find(riskId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No risk " + riskId));
    List<String> unknown = body.keySet().stream().filter(k -> !"reason".equals(k)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw new InvalidVariablesException(unknown + " are not fields of a release [reason]");
    }
    Object reason = body.get("reason");
    if (reason != null && !(reason instanceof String)) {
      throw new InvalidVariablesException("reason must be a String");
    }
    if (reason instanceof String text && text.length() > MAX_REASON) {
      throw new InvalidVariablesException("reason is longer than " + MAX_REASON + " characters");
    }
    int released = holds.release(riskId, (String) reason, user.getName());
    return Map.of("riskId", riskId, "releasedHolds", released);
  }

  private void requireProject(String projectId) {
    if (!projects.isRegistered(projectId)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No project " + projectId);
    }
  }

  private static void check(String name, String value, List<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      throw new InvalidVariablesException(name + " '" + value + "' is not one of " + allowed);
    }
  }
}
