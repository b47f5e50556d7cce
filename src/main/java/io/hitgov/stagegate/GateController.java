package io.hitgov.stagegate;

import static io.hitgov.shared.web.ApiAccess.GOVERNANCE_READERS;
import static io.hitgov.shared.web.ApiAccess.requireAnyGroup;

import io.hitgov.shared.project.ProjectDirectory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A project's gate record: every opening, evidence pack, vote, decision and hold decision, and the conditions. */
@RestController
class GateController {

  private final GateRepository repository;
  private final ProjectDirectory projects;

  GateController(GateRepository repository, ProjectDirectory projects) {
    this.repository = repository;
    this.projects = projects;
  }

  /** The append-only gate record: every opening, evidence pack, vote, decision and hold decision. */
  @GetMapping("/api/projects/{projectId}/gates")
  Map<String, Object> gates(@PathVariable String projectId, Authentication user) {
    requireAnyGroup(user, GOVERNANCE_READERS, "read the gate record");
    if (!projects.isRegistered(projectId)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No project " + projectId);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("projectId", projectId);
    answer.put("records", repository.gateRecords(projectId));
    answer.put("conditions", repository.conditions(projectId));
    return answer;
  }
}
