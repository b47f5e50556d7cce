package io.hitgov.lifecycle.delegate;

import static io.hitgov.lifecycle.ImplementationLifecycleProcess.Variables.*;

import io.hitgov.lifecycle.ImplementationLifecycleProcess.Elements;
import io.hitgov.lifecycle.ImplementationLifecycleProcess;
import io.hitgov.lifecycle.ProjectGates;
import io.hitgov.lifecycle.ProjectService;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import io.hitgov.shared.process.VariableSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The lifecycle's user tasks: declares each form's fields when the task is created (a recycled
 * phase must not show the last answer), validates the completion and records it as a deliverable
 * of the project, attributed to the authenticated user.
 */
@Component("lifecycleTaskListener")
@ModelCallable(processes = {ImplementationLifecycleProcess.KEY, ImplementationLifecycleProcess.P0_PROCESS,
    ImplementationLifecycleProcess.P1_PROCESS, ImplementationLifecycleProcess.P2_PROCESS,
    ImplementationLifecycleProcess.P3_PROCESS, ImplementationLifecycleProcess.P4_PROCESS,
    ImplementationLifecycleProcess.P5_PROCESS, ImplementationLifecycleProcess.P6_PROCESS,
    ImplementationLifecycleProcess.P7_PROCESS, ImplementationLifecycleProcess.P8_PROCESS,
    ImplementationLifecycleProcess.P9_PROCESS})
class LifecycleTaskListener implements TaskListener {

  static final String[] DELIVERABLE_FIELDS = {"deliverableDocumentId", "deliverableVersion", "deliverableSummary"};

  private final ProjectService projects;
  private final CurrentUser currentUser;

  LifecycleTaskListener(ProjectService projects, CurrentUser currentUser) {
    this.projects = projects;
    this.currentUser = currentUser;
  }

  @Override
  public void notify(DelegateTask task) {
    String key = task.getTaskDefinitionKey();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      TaskFields.declare(task, fields(key));
    } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      completed(task, key, currentUser.required("Completing a project task"));
    }
  }

  static String[] fields(String key) {
    return switch (key) {
      case Elements.RUN_INTEGRATED_TESTING -> new String[] {UAT_DEPARTMENTS, "testPassRate", "openCriticalDefects",
          "deliverableDocumentId", "deliverableSummary"};
      case Elements.SIGN_OFF_UAT -> new String[] {"uatSigned", "deliverableDocumentId", "uatComment"};
      case Elements.CONFIRM_GO_LIVE -> new String[] {"actualGoLiveDate", "deliverableSummary"};
      case Elements.SCORE_CHECKPOINT -> scorecardFields();
      case Elements.REVIEW_STALLED_PHASE -> new String[] {"stallAction"};
      case Elements.RESOLVE_BLOCKED_HIPAA -> new String[] {"hipaaRemediationNote"};
      default -> DELIVERABLE_FIELDS;
    };
  }

  static String[] scorecardFields() {
    return ProjectGates.scorecardFields();
  }

  /** The scorecard as ticked on the form (unticked or missing = red). */
  static Map<String, Boolean> scorecard(VariableScope scope) {
    return ProjectGates.scorecard(scope);
  }

  private void completed(DelegateTask task, String key, String user) {
    String projectId = task.getExecution().getProcessBusinessKey();
    String phase = (String) task.getVariable(CURRENT_PHASE);
    switch (key) {
      case Elements.RUN_INTEGRATED_TESTING -> {
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
        if (!problems.isEmpty()) {
          throw new InvalidVariablesException(problems);
        }
        task.getExecution().getProcessInstance().setVariable(UAT_DEPARTMENTS,
            Variables.objectValue(new ArrayList<>(list)).create());
        int passRate = ((Number) task.getVariable("testPassRate")).intValue();
        int openCritical = ((Number) task.getVariable("openCriticalDefects")).intValue();
        String summary = TaskFields.string(task, "deliverableSummary", 1800);
        projects.recordTestRounds(projectId, phase, key, String.join(", ", list),
            TaskFields.string(task, "deliverableDocumentId", 200),
            "pass rate " + passRate + "%, open Critical/High " + openCritical + (summary == null ? "" : "; " + summary),
            passRate, openCritical, user);
      }
      case Elements.SIGN_OFF_UAT -> {
        Boolean signed = TaskFields.bool(task, "uatSigned");
        List<String> problems = new ArrayList<>();
        if (signed == null) {
          problems.add("uatSigned is required");
        } else if (!signed && TaskFields.string(task, "uatComment", 2000) == null) {
          problems.add("uatComment is required when UAT is not accepted");
        }
        requireDocument(task, problems);
        if (!problems.isEmpty()) {
          throw new InvalidVariablesException(problems);
        }
        projects.recordDeliverable(projectId, phase, key, (String) task.getVariable("uatDepartment"),
            TaskFields.string(task, "deliverableDocumentId", 200), null, TaskFields.string(task, "uatComment", 2000), signed, user);
      }
      case Elements.CONFIRM_GO_LIVE -> {
        if (TaskFields.string(task, "deliverableSummary", 2000) == null) {
          throw new InvalidVariablesException("deliverableSummary is required");
        }
        projects.confirmGoLive(projectId, TaskFields.string(task, "actualGoLiveDate", 40),
            TaskFields.string(task, "deliverableSummary", 2000), user);
      }
      case Elements.SCORE_CHECKPOINT -> scorecard(task); // type check; scored by the next step
      case Elements.REVIEW_STALLED_PHASE -> projects.recordEvent(projectId, user, "STALL_REVIEWED",
          phase + ": " + required(task, "stallAction"));
      case Elements.RESOLVE_BLOCKED_HIPAA -> projects.recordEvent(projectId, user, "HIPAA_REMEDIATED",
          required(task, "hipaaRemediationNote"));
      default -> {
        List<String> problems = new ArrayList<>();
        requireDocument(task, problems);
        if (TaskFields.string(task, "deliverableSummary", 2000) == null) {
          problems.add("deliverableSummary is required");
        }
        if (!problems.isEmpty()) {
          throw new InvalidVariablesException(problems);
        }
        projects.recordDeliverable(projectId, phase, key, deliverable(task.getName()), TaskFields.string(task, "deliverableDocumentId", 200),
            TaskFields.string(task, "deliverableVersion", 50), TaskFields.string(task, "deliverableSummary", 2000), null, user);
      }
    }
  }

  /** The deliverable of a task named "EHR-2027-042 · P0 · Draft project charter and goals": its last part. */
  static String deliverable(String taskName) {
    int at = taskName == null ? -1 : taskName.lastIndexOf(" · ");
    return at < 0 ? taskName : taskName.substring(at + 3);
  }

  private static void requireDocument(DelegateTask task, List<String> problems) {
    if (TaskFields.string(task, "deliverableDocumentId", 200) == null) {
      problems.add("deliverableDocumentId is required");
    }
  }

  static String required(VariableScope scope, String field) {
    String value = TaskFields.string(scope, field, 2000);
    if (value == null) {
      throw new InvalidVariablesException(field + " is required");
    }
    return value;
  }
}
