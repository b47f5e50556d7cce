package io.hitgov.system.deployment;

import static io.hitgov.shared.web.ApiAccess.requireAnyGroup;

import io.hitgov.shared.GovernanceGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The models in force and the four-eyes queue: {@code GET /api/models} (each process and decision
 * with its active version and source), {@code GET /api/models/pending}, and approve or reject a
 * PMO's deployment. PMO and operators only.
 */
@RestController
class ModelController {

  static final Set<String> MODEL_STEWARDS = Set.of(GovernanceGroup.PMO.id(), GovernanceGroup.OPERATORS.id());
  private static final int MAX_COMMENT = 2000;

  private final ModelGovernance governance;

  ModelController(ModelGovernance governance) {
    this.governance = governance;
  }

  @GetMapping("/api/models")
  Map<String, Object> models(Authentication user) {
    requireAnyGroup(user, MODEL_STEWARDS, "read the model catalogue");
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("appVersion", governance.appVersion());
    answer.put("models", governance.activeModels());
    answer.put("pending", governance.submissions(PendingDeployments.PENDING).size());
    return answer;
  }

  @GetMapping("/api/models/pending")
  List<Map<String, Object>> pending(@RequestParam(required = false) String state, Authentication user) {
    requireAnyGroup(user, MODEL_STEWARDS, "read model deployments");
    String filter = state == null ? PendingDeployments.PENDING : state.toUpperCase(java.util.Locale.ROOT);
    if (!Set.of("ALL", PendingDeployments.PENDING, PendingDeployments.DEPLOYED, PendingDeployments.REJECTED)
        .contains(filter)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "state must be PENDING, DEPLOYED, REJECTED or ALL");
    }
    return governance.submissions(filter.equals("ALL") ? null : filter);
  }

  @PostMapping("/api/models/pending/{id}/approve")
  Map<String, Object> approve(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body,
      Authentication user) {
    requireAnyGroup(user, MODEL_STEWARDS, "approve model deployments");
    DeploymentWithDefinitions deployment = governance.approve(id, user.getName(), comment(body));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", id);
    answer.put("state", PendingDeployments.DEPLOYED);
    answer.put("engineDeploymentId", deployment.getId());
    List<String> definitions = new java.util.ArrayList<>();
    if (deployment.getDeployedProcessDefinitions() != null) {
      deployment.getDeployedProcessDefinitions().forEach(d -> definitions.add(d.getKey() + " v" + d.getVersion()));
    }
    if (deployment.getDeployedDecisionDefinitions() != null) {
      deployment.getDeployedDecisionDefinitions().forEach(d -> definitions.add(d.getKey() + " v" + d.getVersion()));
    }
    answer.put("definitions", definitions);
    return answer;
  }

  @PostMapping("/api/models/pending/{id}/reject")
  Map<String, Object> reject(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body,
      Authentication user) {
    requireAnyGroup(user, MODEL_STEWARDS, "reject model deployments");
    governance.reject(id, user.getName(), comment(body));
    return Map.of("id", id, "state", PendingDeployments.REJECTED);
  }

  private static String comment(Map<String, Object> body) {
    if (body != null) {
      java.util.List<String> unknown = body.keySet().stream().filter(key -> !"comment".equals(key)).sorted().toList();
      if (!unknown.isEmpty()) {
        // who decides is the signed-in user, never a field: "approvedBy" or the like is refused, not ignored
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, unknown + " are not fields of a decision; it takes"
            + " only a comment");
      }
    }
    Object comment = body == null ? null : body.get("comment");
    if (comment != null && !(comment instanceof String)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "comment must be a text");
    }
    if (comment != null && ((String) comment).length() > MAX_COMMENT) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "comment is longer than " + MAX_COMMENT + " characters");
    }
    return (String) comment;
  }
}
