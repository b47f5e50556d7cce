package io.hitgov.lifecycle;

import static io.hitgov.lifecycle.ImplementationLifecycleProcess.Variables.*;

import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.FormTaskListener;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import io.hitgov.shared.process.VariableSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The lifecycle's forms, one listener each: fields declared when the task is created (a recycled
 * phase must not show the last answer), the completion validated and recorded as the project's
 * deliverable or event, attributed to the authenticated user.
 */
final class LifecycleForms {

  private LifecycleForms() {}

  static final String[] DELIVERABLE_FIELDS = {"deliverableDocumentId", "deliverableVersion", "deliverableSummary"};

  /** Where a lifecycle task runs: its project and the phase the lifecycle is in. */
  record Place(String projectId, String phase, String taskKey) {

    static Place of(DelegateTask task) {
      return new Place(task.getExecution().getProcessBusinessKey(), (String) task.getVariable(CURRENT_PHASE),
          task.getTaskDefinitionKey());
    }
  }

  /** What every lifecycle form does; a form names its fields and what it records for its project. */
  abstract static class LifecycleForm extends FormTaskListener {

    final ProjectProgress projects;

    LifecycleForm(ProjectProgress projects, CurrentUser currentUser) {
      super(currentUser, "Completing a project task");
      this.projects = projects;
    }

    @Override
    protected final void completed(DelegateTask task, String user) {
      record(task, Place.of(task), user);
    }

    abstract void record(DelegateTask task, Place place, String user);
  }

  /** A phase deliverable (charter, plan, design, ...): a document id and a summary. */
  @Component("deliverableListener")
  @ModelCallable(processes = {ImplementationLifecycleProcess.KEY, ImplementationLifecycleProcess.P0_PROCESS,
      ImplementationLifecycleProcess.P1_PROCESS, ImplementationLifecycleProcess.P2_PROCESS,
      ImplementationLifecycleProcess.P3_PROCESS, ImplementationLifecycleProcess.P4_PROCESS,
      ImplementationLifecycleProcess.P5_PROCESS, ImplementationLifecycleProcess.P6_PROCESS,
      ImplementationLifecycleProcess.P7_PROCESS, ImplementationLifecycleProcess.P8_PROCESS,
      ImplementationLifecycleProcess.P9_PROCESS})
  static class Deliverable extends LifecycleForm {
    Deliverable(ProjectProgress projects, CurrentUser currentUser) {
      super(projects, currentUser);
    }

    @Override
    protected String[] fields() {
      return DELIVERABLE_FIELDS;
    }

    @Override
    void record(DelegateTask task, Place p, String user) {
      List<String> problems = new ArrayList<>();
      requireDocument(task, problems);
      if (TaskFields.string(task, "deliverableSummary", 2000) == null) {
        problems.add("deliverableSummary is required");
      }
      InvalidVariablesException.throwIfAny(problems);
      projects.recordDeliverable(p.projectId(), p.phase(), p.taskKey(), deliverable(task.getName()),
          TaskFields.string(task, "deliverableDocumentId", 200), TaskFields.string(task, "deliverableVersion", 50),
          TaskFields.string(task, "deliverableSummary", 2000), null, user);
    }
  }

  /** The deliverable of a task named "EHR-2027-042 · P0 · Draft project charter and goals": its last part. */
  static String deliverable(String taskName) {
    int at = taskName == null ? -1 : taskName.lastIndexOf(" · ");
    return at < 0 ? taskName : taskName.substring(at + 3);
  }

  /** P5 integrated testing: the departments in UAT, the pass rate and the open Critical/High defects. */
  @Component("integratedTestingListener")
  @ModelCallable(processes = {ImplementationLifecycleProcess.KEY, ImplementationLifecycleProcess.P5_PROCESS})
  static class IntegratedTesting extends LifecycleForm {
    IntegratedTesting(ProjectProgress projects, CurrentUser currentUser) {
      super(projects, currentUser);
    }

    @Override
    protected String[] fields() {
      return new String[] {UAT_DEPARTMENTS, "testPassRate", "openCriticalDefects", "deliverableDocumentId",
          "deliverableSummary"};
    }

    @Override
    void record(DelegateTask task, Place p, String user) {
      List<String> departments = validated(task);
      task.getExecution().getProcessInstance().setVariable(UAT_DEPARTMENTS,
          Variables.objectValue(new ArrayList<>(departments)).create());
      int passRate = ((Number) task.getVariable("testPassRate")).intValue();
      int openCritical = ((Number) task.getVariable("openCriticalDefects")).intValue();
      String summary = TaskFields.string(task, "deliverableSummary", 1800);
      projects.recordTestRounds(p.projectId(), p.phase(), p.taskKey(), String.join(", ", departments),
          TaskFields.string(task, "deliverableDocumentId", 200),
          "pass rate " + passRate + "%, open Critical/High " + openCritical + (summary == null ? "" : "; " + summary),
          passRate, openCritical, user);
    }

    private static List<String> validated(DelegateTask task) {
      String departments = TaskFields.string(task, UAT_DEPARTMENTS, 500);
      List<String> list = departments == null ? List.of() : Arrays.stream(departments.split(","))
          .map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
      List<String> problems = new ArrayList<>();
      if (list.isEmpty()) {
        problems.add("uatDepartments is required (comma-separated departments)");
      }
      VariableSpec.integer("testPassRate", true, 0, 100).check(task.hasVariable("testPassRate"),
          task.getVariable("testPassRate")).ifPresent(problems::add);
      VariableSpec.integer("openCriticalDefects", true, 0, 100_000).check(task.hasVariable("openCriticalDefects"),
          task.getVariable("openCriticalDefects")).ifPresent(problems::add);
      requireDocument(task, problems);
      InvalidVariablesException.throwIfAny(problems);
      return list;
    }
  }

  /** P5 UAT sign-off of one department (a comment is required when UAT is not accepted). */
  @Component("uatSignOffListener")
  @ModelCallable(processes = {ImplementationLifecycleProcess.KEY, ImplementationLifecycleProcess.P5_PROCESS})
  static class UatSignOff extends LifecycleForm {
    UatSignOff(ProjectProgress projects, CurrentUser currentUser) {
      super(projects, currentUser);
    }

    @Override
    protected String[] fields() {
      return new String[] {"uatSigned", "deliverableDocumentId", "uatComment"};
    }

    @Override
    void record(DelegateTask task, Place p, String user) {
      Boolean signed = TaskFields.bool(task, "uatSigned");
      List<String> problems = new ArrayList<>();
      if (signed == null) {
        problems.add("uatSigned is required");
      } else if (!signed && TaskFields.string(task, "uatComment", 2000) == null) {
        problems.add("uatComment is required when UAT is not accepted");
      }
      requireDocument(task, problems);
      InvalidVariablesException.throwIfAny(problems);
      projects.recordDeliverable(p.projectId(), p.phase(), p.taskKey(), (String) task.getVariable("uatDepartment"),
          TaskFields.string(task, "deliverableDocumentId", 200), null, TaskFields.string(task, "uatComment", 2000),
          signed, user);
    }
  }

  /** P7: the project went live (actual date and a summary). */
  @Component("confirmGoLiveListener")
  @ModelCallable(processes = {ImplementationLifecycleProcess.KEY, ImplementationLifecycleProcess.P7_PROCESS})
  static class ConfirmGoLive extends LifecycleForm {
    ConfirmGoLive(ProjectProgress projects, CurrentUser currentUser) {
      super(projects, currentUser);
    }

    @Override
    protected String[] fields() {
      return new String[] {"actualGoLiveDate", "deliverableSummary"};
    }

    @Override
    void record(DelegateTask task, Place p, String user) {
      projects.confirmGoLive(p.projectId(), TaskFields.string(task, "actualGoLiveDate", 40),
          required(task, "deliverableSummary"), user);
    }
  }

  /** The readiness scorecard at a checkpoint: type-checked here, scored by the next service task. */
  @Component("readinessCheckpointListener")
  @ModelCallable(processes = ImplementationLifecycleProcess.KEY)
  static class ReadinessCheckpoint extends LifecycleForm {
    private final ProjectReadiness readiness;

    ReadinessCheckpoint(ProjectProgress projects, ProjectReadiness readiness, CurrentUser currentUser) {
      super(projects, currentUser);
      this.readiness = readiness;
    }

    @Override
    protected String[] fields() {
      return ProjectGates.scorecardFields();
    }

    /** The form shows R06 and R07 as the interface and conversion records compute them. */
    @Override
    protected void created(DelegateTask task) {
      task.setVariableLocal(ProjectGates.READINESS_EVIDENCE,
          readiness.readinessEvidence(task.getExecution().getProcessBusinessKey()));
    }

    @Override
    void record(DelegateTask task, Place p, String user) {
      ProjectGates.scorecard(task);
    }
  }

  /** A phase stalled past its plan: what the PMO decided. */
  @Component("stalledPhaseListener")
  @ModelCallable(processes = {ImplementationLifecycleProcess.KEY, ImplementationLifecycleProcess.P0_PROCESS,
      ImplementationLifecycleProcess.P1_PROCESS, ImplementationLifecycleProcess.P2_PROCESS,
      ImplementationLifecycleProcess.P3_PROCESS, ImplementationLifecycleProcess.P4_PROCESS,
      ImplementationLifecycleProcess.P5_PROCESS, ImplementationLifecycleProcess.P6_PROCESS,
      ImplementationLifecycleProcess.P7_PROCESS, ImplementationLifecycleProcess.P8_PROCESS,
      ImplementationLifecycleProcess.P9_PROCESS})
  static class StalledPhase extends LifecycleForm {
    StalledPhase(ProjectProgress projects, CurrentUser currentUser) {
      super(projects, currentUser);
    }

    @Override
    protected String[] fields() {
      return new String[] {"stallAction"};
    }

    @Override
    void record(DelegateTask task, Place p, String user) {
      projects.recordEvent(p.projectId(), user, "STALL_REVIEWED", p.phase() + ": " + required(task, "stallAction"));
    }
  }

  /** The HIPAA gate blocked go-live: how the PMO remediated before it runs again. */
  @Component("blockedHipaaGateListener")
  @ModelCallable(processes = ImplementationLifecycleProcess.KEY)
  static class BlockedHipaaGate extends LifecycleForm {
    BlockedHipaaGate(ProjectProgress projects, CurrentUser currentUser) {
      super(projects, currentUser);
    }

    @Override
    protected String[] fields() {
      return new String[] {"hipaaRemediationNote"};
    }

    @Override
    void record(DelegateTask task, Place p, String user) {
      projects.recordEvent(p.projectId(), user, "HIPAA_REMEDIATED", required(task, "hipaaRemediationNote"));
    }
  }

  private static void requireDocument(DelegateTask task, List<String> problems) {
    if (TaskFields.string(task, "deliverableDocumentId", 200) == null) {
      problems.add("deliverableDocumentId is required");
    }
  }

  static String required(DelegateTask task, String field) {
    String value = TaskFields.string(task, field, 2000);
    if (value == null) {
      throw new InvalidVariablesException(field + " is required");
    }
    return value;
  }
}
