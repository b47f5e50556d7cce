package io.hitgov.interop;

import static io.hitgov.interop.InterfaceReadinessProcess.Variables.CLINICAL;
import static io.hitgov.interop.InterfaceReadinessProcess.Variables.CROSSWALK;
import static io.hitgov.interop.InterfaceReadinessProcess.Variables.INTERFACE_ID;
import static io.hitgov.interop.InterfaceReadinessProcess.Variables.INTERFACE_NAME;
import static io.hitgov.interop.InterfaceReadinessProcess.Variables.MAPPING_SPEC;
import static io.hitgov.interop.InterfaceReadinessProcess.Variables.PROJECT_ID;
import static io.hitgov.interop.InterfaceReadinessProcess.Variables.ROUND_ID;
import static io.hitgov.interop.InterfaceReadinessProcess.Variables.ROUND_NOTE;
import static io.hitgov.interop.InterfaceReadinessProcess.Variables.ROUND_PASSED;
import static io.hitgov.interop.InterfaceReadinessProcess.Variables.ROUND_SUMMARY;
import static io.hitgov.interop.InterfaceReadinessProcess.Variables.SIGN_OFF_APPROVED;
import static io.hitgov.interop.InterfaceReadinessProcess.Variables.SIGN_OFF_COMMENT;

import io.hitgov.interop.InteropRecords.Interface;
import io.hitgov.interop.InteropRecords.TestRound;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.FormTaskListener;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskFields;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The beans InterfaceReadinessProcess calls (docs/processes/interface-readiness.md). */
final class InterfaceReadinessDelegates {

  private InterfaceReadinessDelegates() {}

  /** The interface must be registered; the instance gets its business key and the interface's facts. */
  @Component("openInterfaceReadinessDelegate")
  @ModelCallable(processes = InterfaceReadinessProcess.KEY)
  static class OpenReadiness implements JavaDelegate {
    private final InterfaceInventory interop;

    OpenReadiness(InterfaceInventory interop) {
      this.interop = interop;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String projectId = (String) execution.getVariable(PROJECT_ID);
      String interfaceId = (String) execution.getVariable(INTERFACE_ID);
      Interface i = interop.get(projectId, interfaceId);
      execution.setProcessBusinessKey(interop.openReadiness(projectId, interfaceId, execution.getProcessInstanceId()));
      execution.setVariable(INTERFACE_NAME, i.name());
      execution.setVariable(CLINICAL, i.clinical());
      execution.setVariable(MAPPING_SPEC, i.mappingSpecRef());
      execution.setVariable(CROSSWALK, i.crosswalkRef());
    }
  }

  /** The latest round of the interface's current generation: passed or not, and its summary for the forms. */
  @Component("evaluateTestRoundDelegate")
  @ModelCallable(processes = InterfaceReadinessProcess.KEY)
  static class EvaluateRound implements JavaDelegate {
    private final InterfaceTestRounds interop;

    EvaluateRound(InterfaceTestRounds interop) {
      this.interop = interop;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String projectId = (String) execution.getVariable(PROJECT_ID);
      String interfaceId = (String) execution.getVariable(INTERFACE_ID);
      Optional<TestRound> round = interop.latestCurrentRound(projectId, interfaceId);
      execution.setVariable(ROUND_ID, round.map(TestRound::roundId).orElse(null));
      execution.setVariable(ROUND_PASSED, round.map(TestRound::passed).orElse(false));
      execution.setVariable(ROUND_SUMMARY, round.map(r -> r.roundId() + " (" + r.environment() + "): "
          + r.validMessages() + " of " + r.messages() + " valid, " + r.errors() + " errors, uploaded by "
          + r.uploadedBy()).orElse("no test round uploaded since the interface was registered or last changed"));
    }
  }

  /** Mapping specification and code-set crosswalk references. */
  @Component("interfaceMappingTaskListener")
  @ModelCallable(processes = InterfaceReadinessProcess.KEY)
  static class Mapping extends FormTaskListener {
    private final InterfaceInventory interop;

    Mapping(InterfaceInventory interop, CurrentUser currentUser) {
      super(currentUser, "Documenting an interface mapping");
      this.interop = interop;
    }

    @Override
    protected String[] fields() {
      return new String[] {MAPPING_SPEC, CROSSWALK};
    }

    @Override
    protected void completed(DelegateTask task, String user) {
      String spec = TaskFields.string(task, MAPPING_SPEC, 500);
      String crosswalk = TaskFields.string(task, CROSSWALK, 500);
      if (spec == null || spec.isBlank() || crosswalk == null || crosswalk.isBlank()) {
        throw new InvalidVariablesException(java.util.List.of(MAPPING_SPEC + " is required", CROSSWALK + " is required"));
      }
      interop.recordMapping((String) task.getVariable(PROJECT_ID), (String) task.getVariable(INTERFACE_ID), spec,
          crosswalk, user);
    }
  }

  /** The integration lead says a round is uploaded (through the API); the process looks at it next. */
  @Component("interfaceTestRoundTaskListener")
  @ModelCallable(processes = InterfaceReadinessProcess.KEY)
  static class TestRoundUploaded extends FormTaskListener {
    TestRoundUploaded(CurrentUser currentUser) {
      super(currentUser, "Reporting an interface test round");
    }

    @Override
    protected String[] fields() {
      return new String[] {ROUND_NOTE};
    }

    @Override
    protected void completed(DelegateTask task, String user) {
      TaskFields.string(task, ROUND_NOTE, 1000);
    }
  }

  /**
   * A sign-off of the round under review, by the integration lead or the CMIO: never by its
   * uploader, the CMIO never the same person as the integration lead (four-eyes, 403); an approval
   * needs a passed round of the current generation.
   */
  abstract static class SignOff extends FormTaskListener {
    private final InterfaceTestRounds interop;
    private final boolean cmio;

    SignOff(InterfaceTestRounds interop, CurrentUser currentUser, boolean cmio) {
      super(currentUser, "Signing off an interface test round");
      this.interop = interop;
      this.cmio = cmio;
    }

    @Override
    protected String[] fields() {
      return new String[] {SIGN_OFF_APPROVED, SIGN_OFF_COMMENT};
    }

    @Override
    protected void completed(DelegateTask task, String user) {
      Boolean approved = TaskFields.bool(task, SIGN_OFF_APPROVED);
      String comment = TaskFields.string(task, SIGN_OFF_COMMENT, 2000);
      if (approved == null) {
        throw new InvalidVariablesException(SIGN_OFF_APPROVED + " is required");
      }
      task.setVariable(SIGN_OFF_APPROVED, approved); // the radio group submits "true"/"false"
      String roundId = (String) task.getVariable(ROUND_ID);
      if (approved) {
        interop.signOff(roundId, cmio, user);
      } else {
        if (comment == null || comment.isBlank()) {
          throw new InvalidVariablesException(SIGN_OFF_COMMENT + " is required when the sign-off is declined");
        }
        interop.declined(roundId, user, comment);
      }
    }
  }

  @Component("interfaceIntegrationSignOffTaskListener")
  @ModelCallable(processes = InterfaceReadinessProcess.KEY)
  static class IntegrationSignOff extends SignOff {
    IntegrationSignOff(InterfaceTestRounds interop, CurrentUser currentUser) {
      super(interop, currentUser, false);
    }
  }

  @Component("interfaceCmioSignOffTaskListener")
  @ModelCallable(processes = InterfaceReadinessProcess.KEY)
  static class CmioSignOff extends SignOff {
    CmioSignOff(InterfaceTestRounds interop, CurrentUser currentUser) {
      super(interop, currentUser, true);
    }
  }
}
