package io.hitgov.lifecycle;

import io.hitgov.hipaa.HipaaAuditGateProcess;
import io.hitgov.hipaa.HipaaGateDriver;
import io.hitgov.lifecycle.ImplementationLifecycleProcess.Elements;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.stagegate.StageGateReviewProcess;
import io.hitgov.support.Engine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;

/**
 * Walks an implementation project the way its people do in Tasklist: each deliverable by a demo
 * user of the task's group, each gate's evidence pack by a project manager, each signature by a
 * member of the signatory group.
 */
public class LifecycleDriver {

  /** Who completes deliverables, per group. */
  public static final Map<String, String> DOERS = Map.of("projectManagers", "maria", "pmo", "paula", "finance", "fiona",
      "privacyOfficer", "olivia", "cmio", "carla", "integration", "irene", "securityOfficer", "sophia",
      "training", "tina", "steeringCommittee", "stella", "executiveSponsor", "evelyn");
  /** Who signs gates, per signatory group (other people than the doers, for the four-eyes rules). */
  public static final Map<String, String> SIGNERS = Map.of("executiveSponsor", "evelyn", "steeringCommittee", "steve",
      "pmo", "peter", "cmio", "conrad", "finance", "frank", "integration", "ivan", "securityOfficer", "simon",
      "privacyOfficer", "oscar");
  static final String EVIDENCE_SUBMITTER = "maria";

  final ProcessEngine processEngine;
  public final Engine engine;

  public LifecycleDriver(ProcessEngine processEngine) {
    this.processEngine = processEngine;
    this.engine = new Engine(processEngine);
  }

  static Map<String, Object> project(String projectId, String goLive, boolean vendorSelection, String projectType) {
    Map<String, Object> variables = project(projectId, goLive, vendorSelection);
    variables.put("projectType", projectType);
    return variables;
  }

  static Map<String, Object> project(String projectId, String goLive, boolean vendorSelection) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("projectId", projectId);
    variables.put("projectName", "Inpatient EHR replacement");
    variables.put("goLiveDate", goLive);
    variables.put("budget", 12_500_000L);
    variables.put("sponsor", "evelyn");
    variables.put("projectManager", "maria");
    variables.put("vendorSelectionRequired", vendorSelection);
    return variables;
  }

  public ProcessInstance start(String projectId, String goLive, boolean vendorSelection) {
    return engine.as("paula", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(ImplementationLifecycleProcess.KEY, project(projectId, goLive, vendorSelection)));
  }

  ProcessInstance start(String projectId, String goLive, boolean vendorSelection, String projectType) {
    return engine.as("paula", () -> processEngine.getRuntimeService().startProcessInstanceByKey(
        ImplementationLifecycleProcess.KEY, project(projectId, goLive, vendorSelection, projectType)));
  }

  /** The phase process the lifecycle is running for {@code phase}, or null. */
  public ProcessInstance phase(ProcessInstance lifecycle, String phase) {
    return processEngine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(lifecycle.getId())
        .processDefinitionKey(ImplementationLifecycleProcess.PHASE_PROCESSES.get(phase)).singleResult();
  }

  public static String farGoLive() {
    return EngineClock.today().plusDays(800).toString();
  }

  public String group(Task task) {
    return processEngine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .map(IdentityLink::getGroupId).filter(g -> g != null).findFirst().orElseThrow();
  }

  public static Map<String, Object> deliverable(String taskKey) {
    Map<String, Object> answer = new HashMap<>();
    switch (taskKey) {
      case Elements.RUN_INTEGRATED_TESTING -> {
        answer.put("uatDepartments", "Emergency, Pharmacy");
        answer.put("testPassRate", 97L);
        answer.put("openCriticalDefects", 0L);
        answer.put("deliverableDocumentId", "DMS-TEST-7");
      }
      case Elements.SIGN_OFF_UAT -> {
        answer.put("uatSigned", true);
        answer.put("deliverableDocumentId", "DMS-UAT-3");
      }
      case Elements.CONFIRM_GO_LIVE -> {
        answer.put("actualGoLiveDate", EngineClock.today().toString());
        answer.put("deliverableSummary", "Cutover complete at 04:10; command center staffed");
      }
      default -> {
        answer.put("deliverableDocumentId", "DMS-" + taskKey.substring("UserTask_".length()));
        answer.put("deliverableVersion", "1.0");
        answer.put("deliverableSummary", "Delivered and reviewed with the workstream");
      }
    }
    return answer;
  }

  /**
   * Completes every open deliverable task of the phase the project is in (until it reaches its
   * gate), in the phase process (or, for a version-1 instance, in the lifecycle itself).
   */
  public void completePhase(ProcessInstance instance, String phase) {
    for (int guard = 0; guard < 20; guard++) {
      List<Task> open = processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey())
          .taskDefinitionKeyIn(Elements.DELIVERABLES.get(phase).toArray(String[]::new)).list();
      if (open.isEmpty()) {
        return;
      }
      for (Task task : open) {
        engine.complete(DOERS.get(group(task)), task, deliverable(task.getTaskDefinitionKey()));
      }
    }
    throw new AssertionError("Phase " + phase + " does not end");
  }

  /** The running gate review called by the lifecycle. */
  public ProcessInstance gateReview(ProcessInstance lifecycle) {
    return processEngine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(lifecycle.getId())
        .processDefinitionKey(StageGateReviewProcess.KEY).singleResult();
  }

  ProcessInstance hipaaGate(ProcessInstance lifecycle) {
    return processEngine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(lifecycle.getId())
        .processDefinitionKey(HipaaAuditGateProcess.KEY).singleResult();
  }

  public void submitEvidence(ProcessInstance review, String unmet) {
    Map<String, Object> pack = new HashMap<>();
    pack.put("evidenceReferences", "DMS-PACK-1 v3\nDMS-PACK-2 v1");
    pack.put("unmetCriteria", unmet);
    engine.complete(EVIDENCE_SUBMITTER, engine.task(review.getId(), StageGateReviewProcess.Elements.ASSEMBLE_EVIDENCE), pack);
  }

  static Map<String, Object> allGreen() {
    Map<String, Object> scorecard = new HashMap<>();
    ImplementationLifecycleProcess.Variables.SCORED_CRITERIA.forEach(c -> scorecard.put(c, true));
    return scorecard;
  }

  void scoreReadiness(ProcessInstance review, Map<String, Object> scorecard) {
    engine.complete("paula", engine.task(review.getId(), StageGateReviewProcess.Elements.SCORE_READINESS), scorecard);
  }

  public static Map<String, Object> vote(String outcome, String comment) {
    Map<String, Object> vote = new HashMap<>();
    vote.put("gateOutcome", outcome);
    vote.put("gateComment", comment);
    return vote;
  }

  /** A GO_WITH_CONDITIONS vote with its condition, owner and due date (ISO). */
  public static Map<String, Object> conditionVote(String comment, String conditionText, String owner, String due) {
    Map<String, Object> vote = vote("GO_WITH_CONDITIONS", comment);
    vote.put("conditionText", conditionText);
    vote.put("conditionOwner", owner);
    vote.put("conditionDue", due);
    return vote;
  }

  /** Every signatory votes: {@code votes} maps a group to its vote (default GO). */
  public void sign(ProcessInstance review, Function<String, Map<String, Object>> votes) {
    for (Task task : engine.tasks(review.getId(), StageGateReviewProcess.Elements.REVIEW)) {
      String group = group(task);
      engine.complete(SIGNERS.get(group), task, votes.apply(group));
    }
  }

  /** Evidence pack, (G6: readiness scorecard,) all signatories GO. */
  public void passGate(ProcessInstance lifecycle) {
    ProcessInstance review = gateReview(lifecycle);
    submitEvidence(review, null);
    if (engine.tasks(review.getId(), StageGateReviewProcess.Elements.SCORE_READINESS).size() == 1) {
      scoreReadiness(review, allGreen());
    }
    sign(review, group -> vote("GO", null));
  }

  /** A project at G6: phases done, the HIPAA gate passed, the evidence pack in, the readiness scorecard next. */
  ProcessInstance atG6(String projectId) {
    ProcessInstance project = start(projectId, farGoLive(), false);
    walkThrough(project, "P0", "P1", "P3", "P4", "P5");
    completePhase(project, "P6");
    passHipaaGate(project);
    ProcessInstance review = gateReview(project);
    submitEvidence(review, null);
    return review;
  }

  /** P6 done: passes the HIPAA audit gate the lifecycle called. */
  void passHipaaGate(ProcessInstance lifecycle) {
    new HipaaGateDriver(processEngine).passGate(hipaaGate(lifecycle));
  }

  /** Walks from the current phase through {@code lastPhase}'s gate (or to P7 for "P6"). */
  public void walkThrough(ProcessInstance lifecycle, String... phases) {
    for (String phase : phases) {
      completePhase(lifecycle, phase);
      if ("P6".equals(phase) && hipaaGate(lifecycle) != null) {
        passHipaaGate(lifecycle);
      }
      if (!"P7".equals(phase)) {
        passGate(lifecycle);
      }
    }
  }
}
