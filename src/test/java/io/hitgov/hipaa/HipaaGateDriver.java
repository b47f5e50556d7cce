package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaAuditGateProcess.Elements.*;

import io.hitgov.shared.process.EngineClock;
import io.hitgov.support.Engine;
import io.hitgov.support.Projects;
import org.springframework.context.ApplicationContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Walks a HIPAA audit gate the way its users do in Tasklist: the PMO starts it, the security
 * office scopes it, each control owner submits evidence, the privacy office records BAAs, two
 * officials sign and the sponsor acknowledges. Each step is done by a demo user of the right group.
 */
public class HipaaGateDriver {

  static final String SECURITY_SUBMITTER = "sophia";
  static final String SECURITY_SIGNER = "simon";
  static final String PRIVACY_SUBMITTER = "olivia";
  static final String PRIVACY_SIGNER = "oscar";
  static final String FACILITIES_SUBMITTER = "felix";
  static final String SPONSOR = "evelyn";
  static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  final ProcessEngine processEngine;
  final Engine engine;

  /** The Spring context, to register the projects a gate is started for (null: they exist, e.g. lifecycle tests). */
  final ApplicationContext context;

  public HipaaGateDriver(ProcessEngine processEngine) {
    this(processEngine, null);
  }

  public HipaaGateDriver(ProcessEngine processEngine, ApplicationContext context) {
    this.processEngine = processEngine;
    this.engine = new Engine(processEngine);
    this.context = context;
  }

  public ProcessInstance start(String projectId, String goLiveDate) {
    if (context != null) {
      Projects.register(context, projectId);
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put("projectId", projectId);
    variables.put("gateReason", "GO_LIVE");
    variables.put("goLiveDate", goLiveDate);
    return engine.as("paula", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(HipaaAuditGateProcess.KEY, projectId, variables));
  }

  public void defineScope(ProcessInstance instance, String businessAssociates, String lastMaterialChange) {
    Map<String, Object> scope = new HashMap<>();
    scope.put("scopeSystems", "Inpatient EHR (prod, train, test)");
    scope.put("scopeHosting", "Vendor-hosted private cloud");
    scope.put("scopeInterfaces", "ADT and lab results over HL7 v2 MLLP; FHIR R4 patient access API");
    scope.put("scopeDataFlows", "Registration to EHR; EHR to lab; EHR to patient portal");
    scope.put("businessAssociates", businessAssociates);
    scope.put("lastMaterialChangeDate", lastMaterialChange);
    engine.complete(SECURITY_SUBMITTER, engine.task(instance.getId(), DEFINE_SCOPE), scope);
  }

  static Map<String, Object> evidenced(int daysOld) {
    Map<String, Object> evidence = new HashMap<>();
    evidence.put("evidenceStatus", "EVIDENCED");
    evidence.put("evidenceDocumentId", "DMS-4711");
    evidence.put("evidenceDocumentVersion", "3");
    evidence.put("evidenceDocumentHash", HASH);
    evidence.put("evidenceDate", EngineClock.today().minusDays(daysOld).toString());
    return evidence;
  }

  static Map<String, Object> status(String status, String rationale, String compensatingControl) {
    Map<String, Object> evidence = new HashMap<>();
    evidence.put("evidenceStatus", status);
    evidence.put("evidenceRationale", rationale);
    evidence.put("compensatingControl", compensatingControl);
    return evidence;
  }

  /** Completes every open evidence task with the answer {@code answers} gives for its spec id. */
  void submitEvidence(ProcessInstance instance, String taskKey, Function<String, Map<String, Object>> answers) {
    for (Task task : engine.tasks(instance.getId(), taskKey)) {
      String specId = (String) processEngine.getTaskService().getVariable(task.getId(), "specId");
      String owner = (String) processEngine.getTaskService().getVariable(task.getId(), "specOwnerGroup");
      engine.complete(submitterFor(owner), task, answers.apply(specId));
    }
    engine.executeDueJobs(instance.getId());
  }

  public static String submitterFor(String group) {
    return switch (group) {
      case "securityOfficer" -> SECURITY_SUBMITTER;
      case "privacyOfficer" -> PRIVACY_SUBMITTER;
      case "facilities" -> FACILITIES_SUBMITTER;
      default -> throw new IllegalArgumentException(group);
    };
  }

  /** A clean answer for every specification: evidenced 30 days ago, N/A for the clearinghouse rows. */
  public static Map<String, Object> cleanAnswer(String specId) {
    return switch (specId) {
      case "164.308(a)(4)(ii)(A)", "164.314(a)(2)(ii)", "164.314(b)(1)" ->
          status("NOT_APPLICABLE", "We are a provider, not a clearinghouse or group health plan", null);
      default -> evidenced(30);
    };
  }

  void recordBaas(ProcessInstance instance, String taskKey, Function<String, Map<String, Object>> answers) {
    for (Task task : engine.tasks(instance.getId(), taskKey)) {
      String counterparty = (String) processEngine.getTaskService().getVariable(task.getId(), "baaCounterparty");
      engine.complete(PRIVACY_SUBMITTER, task, answers.apply(counterparty));
    }
    engine.executeDueJobs(instance.getId());
  }

  public static Map<String, Object> executedBaa(String expiry) {
    Map<String, Object> baa = new HashMap<>();
    baa.put("baaExecuted", "true");
    baa.put("baaEffectiveDate", "2024-01-01");
    baa.put("baaExpiryDate", expiry);
    baa.put("baaSubcontractorFlowDown", "true");
    baa.put("baaDocumentId", "CTR-2024-17");
    return baa;
  }

  void sign(ProcessInstance instance, String securitySigner, String privacySigner) {
    engine.complete(securitySigner, engine.task(instance.getId(), SIGN_SECURITY),
        Map.of("securitySignOffApproved", "true"));
    engine.complete(privacySigner, engine.task(instance.getId(), SIGN_PRIVACY),
        Map.of("privacySignOffApproved", "true"));
    engine.executeDueJobs(instance.getId());
  }

  void acknowledgeResidualRisk(ProcessInstance instance, boolean accepted) {
    Map<String, Object> answer = new HashMap<>();
    answer.put("residualRiskAccepted", accepted);
    if (!accepted) {
      answer.put("residualRiskComment", "Encryption at rest decision needs the board");
    }
    engine.complete(SPONSOR, engine.task(instance.getId(), ACKNOWLEDGE_RESIDUAL_RISK), answer);
  }

  /** Start to signatures with clean answers; returns the instance waiting for the signatures. */
  public ProcessInstance cleanGateUpToSignatures(String projectId, String goLive) {
    ProcessInstance instance = start(projectId, goLive);
    defineScope(instance, "Acme EHR Hosting\nLabCo", null);
    submitEvidence(instance, SUBMIT_EVIDENCE, HipaaGateDriver::cleanAnswer);
    recordBaas(instance, RECORD_BAA, name -> executedBaa(null));
    return instance;
  }

  /** Walks a gate instance (started alone or called by the lifecycle) to PASS with clean answers. */
  public void passGate(ProcessInstance instance) {
    passGate(instance, null);
  }

  /** As {@link #passGate(ProcessInstance)}, with the business associate agreement ending on {@code baaExpiry}. */
  public void passGate(ProcessInstance instance, String baaExpiry) {
    defineScope(instance, "Acme EHR Hosting", null);
    submitEvidence(instance, SUBMIT_EVIDENCE, HipaaGateDriver::cleanAnswer);
    recordBaas(instance, RECORD_BAA, name -> executedBaa(baaExpiry));
    sign(instance, SECURITY_SIGNER, PRIVACY_SIGNER);
    acknowledgeResidualRisk(instance, true);
  }

  List<String> users() {
    return List.of(SECURITY_SUBMITTER, SECURITY_SIGNER, PRIVACY_SUBMITTER, PRIVACY_SIGNER, FACILITIES_SUBMITTER, SPONSOR);
  }
}
