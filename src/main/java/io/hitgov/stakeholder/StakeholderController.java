package io.hitgov.stakeholder;

import static io.hitgov.shared.web.ApiAccess.GOVERNANCE_READERS;
import static io.hitgov.shared.web.ApiAccess.requireAnyGroup;
import static io.hitgov.shared.web.ApiAccess.requireOwnProject;

import io.hitgov.shared.GovernanceGroup;
import io.hitgov.shared.project.ProjectDirectory;
import io.hitgov.stakeholder.StakeholderRepository.Stakeholder;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A project's stakeholder register: every governance group reads it, the PMO and project managers
 * keep it (docs/contract.md).
 */
@RestController
class StakeholderController {

  static final Set<String> KEEPERS = Set.of(GovernanceGroup.PMO.id(), GovernanceGroup.PROJECT_MANAGERS.id(),
      GovernanceGroup.OPERATORS.id());

  private final StakeholderService stakeholders;
  private final ProjectDirectory projects;

  StakeholderController(StakeholderService stakeholders, ProjectDirectory projects) {
    this.stakeholders = stakeholders;
    this.projects = projects;
  }

  @GetMapping("/api/projects/{projectId}/stakeholders")
  List<Map<String, Object>> list(@PathVariable String projectId, Authentication user) {
    requireAnyGroup(user, GOVERNANCE_READERS, "read a stakeholder register");
    return stakeholders.register(projectId).stream().map(StakeholderController::json).toList();
  }

  /** Body {@code {"userId" | "email", "role", "interest": HIGH|MEDIUM|LOW, "receives": [STATUS_REPORT, GATE_DECISIONS]}}. */
  @PostMapping("/api/projects/{projectId}/stakeholders")
  ResponseEntity<Map<String, Object>> add(@PathVariable String projectId, @RequestBody Map<String, Object> body,
      Authentication user) {
    requireOwnProject(user, KEEPERS, "keep the stakeholder register", projectId, projects.projectManager(projectId));
    Stakeholder added = stakeholders.add(projectId, body, user.getName());
    return ResponseEntity.created(URI.create("/api/projects/" + projectId + "/stakeholders/" + added.stakeholderId()))
        .body(json(added));
  }

  @DeleteMapping("/api/projects/{projectId}/stakeholders/{stakeholderId}")
  ResponseEntity<Void> remove(@PathVariable String projectId, @PathVariable String stakeholderId, Authentication user) {
    requireOwnProject(user, KEEPERS, "keep the stakeholder register", projectId, projects.projectManager(projectId));
    stakeholders.remove(projectId, stakeholderId);
    return ResponseEntity.noContent().build();
  }

  private static Map<String, Object> json(Stakeholder s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stakeholderId", s.stakeholderId());
    m.put("projectId", s.projectId());
    m.put("userId", s.userId());
    m.put("email", s.email());
    m.put("role", s.role());
    m.put("interest", s.interest());
    m.put("receives", s.receivesList());
    m.put("addedBy", s.addedBy());
    m.put("addedAt", s.addedAt());
    return m;
  }
}
