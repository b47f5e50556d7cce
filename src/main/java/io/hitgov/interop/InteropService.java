package io.hitgov.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitgov.interop.InteropRecords.ConversionDomain;
import io.hitgov.interop.InteropRecords.Interface;
import io.hitgov.interop.InteropRecords.MessageRow;
import io.hitgov.interop.InteropRecords.TestRound;
import io.hitgov.interop.InteropRecords.TrialLoad;
import io.hitgov.interop.validation.Hl7v2Validator;
import io.hitgov.interop.validation.Issue;
import io.hitgov.interop.validation.MessageResult;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.IdCounter;
import io.hitgov.shared.process.InvalidVariablesException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Interface and data-conversion readiness (docs/processes/interface-readiness.md): the inventory,
 * test rounds validated with HAPI (results and a SHA-256 per message are kept, never the message),
 * the sign-offs of the readiness process, conversion domains with trial loads and the clinician
 * sample review; and what R06, R07 and G5 make of them ({@link InteropReadiness}).
 */
@Service
public class InteropService implements InteropReadiness {

  /** One message's verdict as answered and stored. */
  public record Checked(int index, String sha256, MessageResult result) {}

  /** The readiness of one interface or conversion domain: READY or NOT_READY, and why. */
  public record Status(String status, String reason) {
    static Status ready(String reason) {
      return new Status("READY", reason);
    }

    static Status notReady(String reason) {
      return new Status("NOT_READY", reason);
    }

    public boolean ready() {
      return "READY".equals(status);
    }
  }

  private static final TypeReference<List<Issue>> ISSUES = new TypeReference<>() {};

  private final InteropRepository repository;
  private final IdCounter ids;
  private final RuntimeService runtimeService;
  private final FhirValidation fhir;
  private final ObjectMapper json;
  private final Hl7v2Validator hl7 = new Hl7v2Validator();
  private final TransactionTemplate transaction;

  public InteropService(InteropRepository repository, IdCounter ids, RuntimeService runtimeService, FhirValidation fhir,
      ObjectMapper json, PlatformTransactionManager transactionManager) {
    this.transaction = new TransactionTemplate(transactionManager);
    this.repository = repository;
    this.ids = ids;
    this.runtimeService = runtimeService;
    this.fhir = fhir;
    this.json = json;
  }

  // ---------------------------------------------------------------- inventory

  Optional<Interface> find(String projectId, String interfaceId) {
    return repository.find(projectId, interfaceId);
  }

  Interface get(String projectId, String interfaceId) {
    return find(projectId, interfaceId).orElseThrow(() -> new InvalidVariablesException(
        "interfaceId '" + interfaceId + "' is not an interface of project " + projectId));
  }

  List<Interface> interfaces(String projectId) {
    return repository.interfaces(projectId);
  }

  /** Registers an interface (already validated) and starts its readiness process as the registering user. */
  @Transactional
  Interface register(Interface candidate) {
    if (repository.find(candidate.projectId(), candidate.interfaceId()).isPresent()) {
      throw new io.hitgov.shared.process.TaskConflictException("Interface " + candidate.interfaceId()
          + " is already registered for project " + candidate.projectId());
    }
    repository.insert(candidate);
    repository.event(candidate.projectId(), candidate.interfaceId(), EngineClock.now(), candidate.registeredBy(),
        "REGISTERED", candidate.standard() + " " + candidate.version() + " " + candidate.messageTypes());
    startReadiness(candidate.projectId(), candidate.interfaceId());
    return get(candidate.projectId(), candidate.interfaceId());
  }

  private String startReadiness(String projectId, String interfaceId) {
    return runtimeService.startProcessInstanceByKey(InterfaceReadinessProcess.KEY,
        Variables.createVariables().putValue(InterfaceReadinessProcess.Variables.PROJECT_ID, projectId)
            .putValue(InterfaceReadinessProcess.Variables.INTERFACE_ID, interfaceId)).getId();
  }

  /** Called when a readiness process starts: its business key, and the interface remembers it. */
  public String openReadiness(String projectId, String interfaceId, String processInstanceId) {
    Interface i = get(projectId, interfaceId);
    if (i.processInstanceId() != null && !i.processInstanceId().equals(processInstanceId)
        && runtimeService.createProcessInstanceQuery().processInstanceId(i.processInstanceId()).count() > 0) {
      throw new InvalidVariablesException("interfaceId '" + interfaceId + "' already has a readiness process running ("
          + i.processInstanceId() + ")");
    }
    repository.updateProcessInstance(projectId, interfaceId, processInstanceId);
    repository.event(projectId, interfaceId, EngineClock.now(), null, "READINESS_OPENED",
        "generation " + i.generation() + ", process instance " + processInstanceId);
    return "IFR-" + projectId + "-" + interfaceId + "-" + ids.next("IFR/" + projectId + "/" + interfaceId);
  }

  public void recordMapping(String projectId, String interfaceId, String mappingSpec, String crosswalk, String user) {
    repository.updateMapping(projectId, interfaceId, mappingSpec, crosswalk);
    repository.event(projectId, interfaceId, EngineClock.now(), user, "MAPPING_DOCUMENTED",
        "mapping specification " + mappingSpec + "; crosswalk " + crosswalk);
  }

  // ---------------------------------------------------------------- test rounds

  /**
   * Validates an upload (outside any transaction: a large FHIR batch takes seconds), then stores
   * its round and per-message results (hash and issues, never the message) in one transaction.
   */
  TestRound validateRound(Interface i, String roundName, String environment, List<String> messages, String user) {
    boolean production = "PRODUCTION".equals(environment);
    List<Checked> checked = new ArrayList<>();
    for (int index = 0; index < messages.size(); index++) {
      String message = messages.get(index);
      MessageResult result = "HL7V2".equals(i.standard())
          ? hl7.validate(message, i.version(), i.messageTypeList(), production)
          : fhir.validator().validate(message, i.messageTypeList());
      checked.add(new Checked(index, sha256(message), result));
    }
    return transaction.execute(status -> storeRound(i, roundName, environment, checked, user));
  }

  private TestRound storeRound(Interface i, String roundName, String environment, List<Checked> checked, String user) {
    String roundId = "TR-" + i.projectId() + "-" + i.interfaceId() + "-"
        + ids.next("TR/" + i.projectId() + "/" + i.interfaceId());
    int valid = (int) checked.stream().filter(c -> c.result().valid()).count();
    int errors = checked.stream().mapToInt(c -> (int) c.result().issues().stream().filter(Issue::error).count()).sum();
    int warnings = checked.stream().mapToInt(c -> (int) c.result().issues().stream()
        .filter(x -> Issue.WARNING.equals(x.severity())).count()).sum();
    TestRound round = new TestRound(roundId, i.projectId(), i.interfaceId(), roundName, i.generation(), environment, user,
        EngineClock.now(), checked.size(), valid, errors, warnings, null, null, null, null);
    repository.insert(round);
    for (Checked c : checked) {
      repository.insert(new MessageRow(null, roundId, c.index(), c.sha256(), c.result().messageType(),
          c.result().valid(), toJson(c.result().issues())));
    }
    repository.event(i.projectId(), i.interfaceId(), EngineClock.now(), user, "TEST_ROUND", roundId + " (" + environment
        + "): " + valid + " of " + checked.size() + " valid, " + errors + " errors, " + warnings + " warnings");
    return round;
  }

  public List<Map<String, Object>> results(String roundId) {
    List<Map<String, Object>> results = new ArrayList<>();
    for (MessageRow row : repository.messages(roundId)) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("index", row.messageIndex());
      one.put("valid", row.valid());
      one.put("messageType", row.messageType());
      one.put("sha256", row.contentSha256());
      one.put("issues", fromJson(row.issues()));
      results.add(one);
    }
    return results;
  }

  List<TestRound> rounds(String projectId, String interfaceId) {
    return repository.rounds(projectId, interfaceId);
  }

  /** The latest round of the interface's current generation, if any. */
  Optional<TestRound> latestCurrentRound(String projectId, String interfaceId) {
    Interface i = get(projectId, interfaceId);
    return repository.rounds(projectId, interfaceId).stream().filter(r -> r.generation() == i.generation())
        .reduce((a, b) -> b);
  }

  /**
   * Signs a round: the person who uploaded it never signs it (four-eyes), the CMIO signs after the
   * integration lead and is another person, and only a passed round of the current generation is signed.
   */
  public void signOff(String roundId, boolean cmio, String user) {
    TestRound round = repository.round(roundId).orElseThrow(() -> new InvalidVariablesException(
        "testRoundId '" + roundId + "' is not a test round"));
    if (user.equals(round.uploadedBy())) {
      throw new AuthorizationException("User '" + user + "' uploaded test round " + roundId
          + " and cannot sign it (four-eyes)");
    }
    if (cmio && user.equals(round.integrationSignedBy())) {
      throw new AuthorizationException("User '" + user + "' signed test round " + roundId
          + " as integration lead; the CMIO sign-off must come from another person (four-eyes)");
    }
    Interface i = get(round.projectId(), round.interfaceId());
    if (round.generation() != i.generation()) {
      throw new InvalidVariablesException("test round " + roundId + " predates the change "
          + i.changedByChange() + " of interface " + i.interfaceId() + ": decline and upload a new round");
    }
    if (!round.passed()) {
      throw new InvalidVariablesException("test round " + roundId + " did not pass (" + round.validMessages() + " of "
          + round.messages() + " valid): decline and upload a new round");
    }
    if (cmio) {
      repository.signCmio(roundId, user, EngineClock.now());
    } else {
      repository.signIntegration(roundId, user, EngineClock.now());
    }
    repository.event(round.projectId(), round.interfaceId(), EngineClock.now(), user, cmio ? "SIGNED_CMIO"
        : "SIGNED_INTEGRATION", roundId);
  }

  public void declined(String roundId, String user, String comment) {
    repository.round(roundId).ifPresent(round -> repository.event(round.projectId(), round.interfaceId(),
        EngineClock.now(), user, "SIGN_OFF_DECLINED", roundId + (comment == null ? "" : ": " + comment)));
  }

  /** READY: a passed round of the current generation, signed by integration (and the CMIO for a clinical interface). */
  Status status(Interface i) {
    List<TestRound> current = repository.rounds(i.projectId(), i.interfaceId()).stream()
        .filter(r -> r.generation() == i.generation()).toList();
    String since = i.changedByChange() == null ? "registration" : "change " + i.changedByChange();
    if (current.isEmpty()) {
      return Status.notReady("no test round since " + since);
    }
    Optional<TestRound> signed = current.stream().filter(TestRound::passed)
        .filter(r -> r.integrationSignedBy() != null && (!i.clinical() || r.cmioSignedBy() != null))
        .reduce((a, b) -> b);
    if (signed.isPresent()) {
      return Status.ready("round " + signed.get().roundId() + " passed and signed");
    }
    TestRound latest = current.get(current.size() - 1);
    if (!latest.passed()) {
      return Status.notReady("latest round " + latest.roundId() + ": " + (latest.messages() - latest.validMessages())
          + " of " + latest.messages() + " messages invalid, " + latest.errors() + " errors open");
    }
    return Status.notReady("round " + latest.roundId() + " passed but is not signed by "
        + (latest.integrationSignedBy() == null ? "the integration lead" : "the CMIO"));
  }

  // ---------------------------------------------------------------- conversion

  List<ConversionDomain> domains(String projectId) {
    return repository.domains(projectId);
  }

  Optional<ConversionDomain> domain(String projectId, String domain) {
    return repository.domain(projectId, domain);
  }

  @Transactional
  void register(ConversionDomain d) {
    if (repository.domain(d.projectId(), d.domain()).isPresent()) {
      throw new io.hitgov.shared.process.TaskConflictException("Conversion domain " + d.domain()
          + " is already registered for project " + d.projectId());
    }
    repository.insert(d);
    repository.event(d.projectId(), "conversion:" + d.domain(), EngineClock.now(), d.registeredBy(), "REGISTERED",
        d.scope() + (d.safetyCritical() ? ", safety-critical" : ""));
  }

  List<TrialLoad> loads(String projectId, String domain) {
    return repository.loads(projectId, domain);
  }

  /**
   * Records a trial load. It reconciles when source = target + excluded records and both checksums
   * are equal; otherwise it stays red with the reason.
   */
  @Transactional
  TrialLoad recordLoad(String projectId, String domain, String loadName, long source, long target, long excluded,
      String sourceChecksum, String targetChecksum, String user) {
    List<String> gaps = new ArrayList<>();
    if (source != target + excluded) {
      gaps.add("counts do not reconcile: source " + source + " != target " + target + " + excluded " + excluded);
    }
    if (!sourceChecksum.equalsIgnoreCase(targetChecksum)) {
      gaps.add("checksums differ");
    }
    TrialLoad load = new TrialLoad(null, projectId, domain, loadName, user, EngineClock.now(), source, target, excluded,
        sourceChecksum, targetChecksum, gaps.isEmpty(), gaps.isEmpty() ? "reconciled" : String.join("; ", gaps));
    repository.insert(load);
    repository.event(projectId, "conversion:" + domain, EngineClock.now(), user, "TRIAL_LOAD",
        loadName + ": " + load.reconciliation());
    return load;
  }

  /** The CMIO's review of the golden-patient sample; not by whoever recorded the latest load (four-eyes). */
  @Transactional
  public void sampleReview(String projectId, String domain, boolean passed, int goldenPatients, String comment,
      String user) {
    List<TrialLoad> loads = repository.loads(projectId, domain);
    if (loads.isEmpty()) {
      throw new InvalidVariablesException("conversion domain " + domain + " has no trial load to review yet");
    }
    TrialLoad latest = loads.get(loads.size() - 1);
    if (user.equals(latest.recordedBy())) {
      throw new AuthorizationException("User '" + user + "' recorded trial load " + latest.loadName()
          + " and cannot sign its sample review (four-eyes)");
    }
    repository.sampleReview(projectId, domain, user, EngineClock.now(), passed, goldenPatients, comment);
    repository.event(projectId, "conversion:" + domain, EngineClock.now(), user, passed ? "SAMPLE_SIGNED"
        : "SAMPLE_REJECTED", goldenPatients + " golden patients" + (comment == null ? "" : ": " + comment));
  }

  /**
   * READY: read-only legacy access needs no load; otherwise the latest trial load reconciled, and for
   * migrated data a passed CMIO sample review given after that load.
   */
  Status status(ConversionDomain d) {
    if ("READ_ONLY_LEGACY".equals(d.scope())) {
      return Status.ready("read-only legacy access, nothing loaded");
    }
    List<TrialLoad> loads = repository.loads(d.projectId(), d.domain());
    if (loads.isEmpty()) {
      return Status.notReady("no trial load recorded");
    }
    TrialLoad latest = loads.get(loads.size() - 1);
    if (!latest.reconciled()) {
      return Status.notReady("latest trial load " + latest.loadName() + " unreconciled: " + latest.reconciliation());
    }
    if ("MIGRATE".equals(d.scope())) {
      boolean reviewed = d.sampleReviewedAt() != null && !d.sampleReviewedAt().isBefore(latest.recordedAt());
      if (!reviewed || !Boolean.TRUE.equals(d.sampleReviewPassed())) {
        return Status.notReady("reconciled, but no passed CMIO golden-patient sample review of load "
            + latest.loadName());
      }
      return Status.ready("load " + latest.loadName() + " reconciled, sample signed by " + d.sampleReviewedBy());
    }
    return Status.ready("load " + latest.loadName() + " reconciled");
  }

  // ---------------------------------------------------------------- the port

  @Override
  public List<String> interfaceProblems(String projectId) {
    List<String> problems = new ArrayList<>();
    for (Interface i : repository.interfaces(projectId)) {
      if (i.goLiveCritical()) {
        Status s = status(i);
        if (!s.ready()) {
          problems.add("interface " + i.interfaceId() + ": " + s.reason());
        }
      }
    }
    return problems;
  }

  @Override
  public List<String> conversionProblems(String projectId) {
    List<String> problems = new ArrayList<>();
    for (ConversionDomain d : repository.domains(projectId)) {
      Status s = status(d);
      if (!s.ready()) {
        problems.add("conversion " + d.domain() + ": " + s.reason());
      }
    }
    return problems;
  }

  @Override
  public Map<String, Object> overview(String projectId) {
    Map<String, Object> overview = new LinkedHashMap<>();
    overview.put("interfaces", repository.interfaces(projectId).stream().map(i -> {
      Status s = status(i);
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("interfaceId", i.interfaceId());
      one.put("standard", i.standard());
      one.put("goLiveCritical", i.goLiveCritical());
      one.put("clinical", i.clinical());
      one.put("status", s.status());
      one.put("reason", s.reason());
      return one;
    }).toList());
    overview.put("conversionDomains", repository.domains(projectId).stream().map(d -> {
      Status s = status(d);
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("domain", d.domain());
      one.put("scope", d.scope());
      one.put("status", s.status());
      one.put("reason", s.reason());
      return one;
    }).toList());
    overview.put("r06", criterion(hasInterfaces(projectId), interfaceProblems(projectId)));
    overview.put("r07", criterion(hasConversionDomains(projectId), conversionProblems(projectId)));
    return overview;
  }

  private static Map<String, Object> criterion(boolean recorded, List<String> problems) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("status", !recorded ? "NOT_RECORDED" : problems.isEmpty() ? "GREEN" : "RED");
    c.put("problems", problems);
    return c;
  }

  @Override
  public boolean hasInterfaces(String projectId) {
    return !repository.interfaces(projectId).isEmpty();
  }

  @Override
  public boolean hasConversionDomains(String projectId) {
    return !repository.domains(projectId).isEmpty();
  }

  @Override
  public List<String> unknownInterfaces(String projectId, List<String> interfaceIds) {
    return interfaceIds.stream().filter(id -> repository.find(projectId, id).isEmpty()).toList();
  }

  @Override
  public void reopen(String projectId, List<String> interfaceIds, String changeRequestId) {
    for (String interfaceId : interfaceIds) {
      Optional<Interface> found = repository.find(projectId, interfaceId);
      if (found.isEmpty()) {
        continue;
      }
      repository.changed(projectId, interfaceId, EngineClock.now(), changeRequestId);
      repository.event(projectId, interfaceId, EngineClock.now(), null, "REOPENED",
          changeRequestId + " approved: re-test required");
      String running = found.get().processInstanceId();
      boolean active = running != null
          && runtimeService.createProcessInstanceQuery().processInstanceId(running).active().count() > 0;
      if (!active) {
        startReadiness(projectId, interfaceId);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String toJson(List<Issue> issues) {
    try {
      return json.writeValueAsString(issues);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Issue> fromJson(String text) {
    try {
      return json.readValue(text, ISSUES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
