package io.hitgov.hipaa;

import io.hitgov.shared.project.ProjectDirectory;
import io.hitgov.shared.GovernanceGroup;
import io.hitgov.shared.process.InvalidVariablesException;
import java.util.List;
import static io.hitgov.shared.web.ApiAccess.requireAnyGroup;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The HIPAA gate's HTTP surface for auditors and the PMO: the evidence package (JSON or CSV) and
 * the "material change" that ends a passed gate's validity.
 */
@RestController
@RequestMapping("/api/projects/{projectId}/hipaa-gate")
class HipaaGateController {

  static final Set<String> READERS = Set.of(GovernanceGroup.PMO.id(), GovernanceGroup.SECURITY_OFFICER.id(), GovernanceGroup.PRIVACY_OFFICER.id(), GovernanceGroup.EXECUTIVE_SPONSOR.id(),
      GovernanceGroup.STEERING_COMMITTEE.id(), GovernanceGroup.OPERATORS.id());
  static final Set<String> CHANGE_REPORTERS = Set.of(GovernanceGroup.PMO.id(), GovernanceGroup.SECURITY_OFFICER.id(), GovernanceGroup.PRIVACY_OFFICER.id(), GovernanceGroup.OPERATORS.id());
  static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

  /** The longest reason for a material change (kept with each gate it invalidates). */
  static final int MAX_REASON = 1000;

  private final HipaaEvidencePackage evidencePackage;
  private final HipaaPassValidity service;
  private final ProjectDirectory projects;

  HipaaGateController(HipaaEvidencePackage evidencePackage, HipaaPassValidity service, ProjectDirectory projects) {
    this.evidencePackage = evidencePackage;
    this.service = service;
    this.projects = projects;
  }

  /** Evidence package of the project's latest gate (or {@code gateId}); CSV with {@code format=csv} or Accept: text/csv. */
  @GetMapping("/evidence")
  ResponseEntity<?> evidence(@PathVariable String projectId, @RequestParam(required = false) String gateId,
      @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, Authentication user) {
    requireAnyGroup(user, READERS, "read a HIPAA evidence package");
    var pkg = evidencePackage.build(projectId, gateId, user.getName())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
            "No HIPAA gate " + (gateId == null ? "" : gateId + " ") + "for project " + projectId));
    boolean csv = "csv".equalsIgnoreCase(format)
        || format == null && accept != null && accept.contains("text/csv") && !accept.contains("application/json");
    if (csv) {
      return ResponseEntity.ok()
          .contentType(CSV)
          .header(HttpHeaders.CONTENT_DISPOSITION,
              "attachment; filename=\"" + pkg.gate().gateId() + "-evidence.csv\"")
          .body(evidencePackage.csv(pkg));
    }
    if (format != null && !format.equalsIgnoreCase("json")) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "format must be json or csv, not '" + format + "'");
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(pkg);
  }

  /** A material change (new system, hosting, interface, business associate) ends every passed gate's validity. */
  @PostMapping("/material-change")
  Map<String, Object> materialChange(@PathVariable String projectId, @RequestBody Map<String, Object> body,
      Authentication user) {
    requireAnyGroup(user, CHANGE_REPORTERS, "report a material change");
    if (!projects.isRegistered(projectId)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No project " + projectId);
    }
    List<String> unknown = body.keySet().stream().filter(k -> !"reason".equals(k)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw new InvalidVariablesException(unknown + " are not fields of a material change [reason]");
    }
    Object reason = body.get("reason");
    if (!(reason instanceof String text) || text.isBlank()) {
      throw new InvalidVariablesException("reason is required (a String of at most " + MAX_REASON + " characters)");
    }
    if (text.length() > MAX_REASON) {
      throw new InvalidVariablesException("reason is longer than " + MAX_REASON + " characters");
    }
    int invalidated = service.recordMaterialChange(projectId, text + " (reported by " + user.getName() + ")");
    return Map.of("projectId", projectId, "invalidatedGates", invalidated);
  }

}
