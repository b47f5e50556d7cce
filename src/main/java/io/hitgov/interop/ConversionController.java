package io.hitgov.interop;

import static io.hitgov.shared.web.ApiAccess.requireAnyGroup;
import static io.hitgov.shared.web.ApiAccess.requireOwnProject;

import io.hitgov.interop.InteropRecords.ConversionDomain;
import io.hitgov.interop.InteropRecords.NewDomain;
import io.hitgov.interop.InteropRecords.TrialLoad;
import io.hitgov.shared.GovernanceGroup;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.project.ProjectDirectory;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Data-conversion readiness per domain (docs/processes/interface-readiness.md#data-conversion):
 * register a domain with its scope, record trial loads (counts and checksums; unreconciled stays
 * red), and the CMIO's golden-patient sample review.
 */
@RestController
class ConversionController {

  static final Set<String> OWNERS = Set.of(GovernanceGroup.INTEGRATION.id(), GovernanceGroup.PROJECT_MANAGERS.id(),
      GovernanceGroup.PMO.id(), GovernanceGroup.OPERATORS.id());
  static final Set<String> READERS = Set.of(GovernanceGroup.INTEGRATION.id(), GovernanceGroup.PROJECT_MANAGERS.id(),
      GovernanceGroup.PMO.id(), GovernanceGroup.CMIO.id(), GovernanceGroup.OPERATORS.id());
  static final Set<String> DOMAIN_FIELDS = Set.of("domain", "scope", "safetyCritical");
  static final Set<String> LOAD_FIELDS = Set.of("loadName", "sourceCount", "targetCount", "excludedCount",
      "sourceChecksum", "targetChecksum");
  static final Set<String> REVIEW_FIELDS = Set.of("passed", "goldenPatients", "comment");
  static final long MAX_COUNT = 1_000_000_000_000L;

  private final DataConversion service;
  private final ProjectDirectory projects;

  ConversionController(DataConversion service, ProjectDirectory projects) {
    this.service = service;
    this.projects = projects;
  }

  @GetMapping("/api/projects/{projectId}/conversion-domains")
  List<Map<String, Object>> list(@PathVariable String projectId, Authentication user) {
    requireAnyGroup(user, READERS, "read the conversion domains");
    requireProject(projectId);
    return service.domains(projectId).stream().map(this::view).toList();
  }

  @PostMapping("/api/projects/{projectId}/conversion-domains")
  ResponseEntity<Map<String, Object>> register(@PathVariable String projectId,
      @RequestBody(required = false) Map<String, Object> body, Authentication user) {
    requireOwnProject(user, OWNERS, "register a conversion domain", projectId, projects.projectManager(projectId));
    requireProject(projectId);
    Body b = new Body(body, DOMAIN_FIELDS, "a conversion domain");
    String domain = b.id("domain", true);
    String scope = b.oneOf("scope", true, InterfaceReadinessProcess.Values.CONVERSION_SCOPES, null);
    Boolean critical = b.bool("safetyCritical", false, false);
    b.check();
    service.register(new NewDomain(projectId, domain, scope, critical, user.getName(), EngineClock.now()));
    return ResponseEntity.created(URI.create("/api/projects/" + projectId + "/conversion-domains/" + domain))
        .body(view(service.domain(projectId, domain).orElseThrow()));
  }

  @PostMapping("/api/projects/{projectId}/conversion-domains/{domain}/trial-loads")
  ResponseEntity<Map<String, Object>> load(@PathVariable String projectId, @PathVariable String domain,
      @RequestBody(required = false) Map<String, Object> body, Authentication user) {
    requireOwnProject(user, OWNERS, "record a trial load", projectId, projects.projectManager(projectId));
    ConversionDomain d = requireDomain(projectId, domain);
    Body b = new Body(body, LOAD_FIELDS, "a trial load");
    String name = b.string("loadName", true, 100);
    Long source = b.number("sourceCount", true, 0, MAX_COUNT);
    Long target = b.number("targetCount", true, 0, MAX_COUNT);
    Long excluded = b.number("excludedCount", false, 0, MAX_COUNT);
    String sourceChecksum = b.string("sourceChecksum", true, 128);
    String targetChecksum = b.string("targetChecksum", true, 128);
    b.check();
    TrialLoad load = service.recordLoad(projectId, domain, name, source, target, excluded == null ? 0 : excluded,
        sourceChecksum, targetChecksum, user.getName());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("load", load);
    answer.put("domain", view(service.domain(projectId, d.domain()).orElseThrow()));
    return ResponseEntity.status(HttpStatus.CREATED).body(answer);
  }

  @PostMapping("/api/projects/{projectId}/conversion-domains/{domain}/sample-review")
  Map<String, Object> sampleReview(@PathVariable String projectId, @PathVariable String domain,
      @RequestBody(required = false) Map<String, Object> body, Authentication user) {
    requireAnyGroup(user, Set.of(GovernanceGroup.CMIO.id()), "sign a golden-patient sample review");
    requireDomain(projectId, domain);
    Body b = new Body(body, REVIEW_FIELDS, "a sample review");
    Boolean passed = b.bool("passed", true, null);
    Long patients = b.number("goldenPatients", true, 1, 100_000);
    String comment = b.string("comment", false, 1000);
    b.check();
    service.sampleReview(projectId, domain, passed, patients.intValue(), comment, user.getName());
    return view(service.domain(projectId, domain).orElseThrow());
  }

  private Map<String, Object> view(ConversionDomain d) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("domain", d.domain());
    view.put("scope", d.scope());
    view.put("safetyCritical", d.safetyCritical());
    view.put("registeredBy", d.registeredBy());
    view.put("sampleReviewedBy", d.sampleReviewedBy());
    view.put("sampleReviewPassed", d.sampleReviewPassed());
    view.put("goldenPatients", d.goldenPatients());
    view.put("loads", service.loads(d.projectId(), d.domain()));
    view.put("readiness", service.status(d));
    return view;
  }

  private void requireProject(String projectId) {
    if (!projects.isRegistered(projectId)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No project " + projectId);
    }
  }

  private ConversionDomain requireDomain(String projectId, String domain) {
    requireProject(projectId);
    return service.domain(projectId, domain).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
        "No conversion domain " + domain + " in project " + projectId));
  }
}
