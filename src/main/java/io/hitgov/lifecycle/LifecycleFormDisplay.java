package io.hitgov.lifecycle;

import static io.hitgov.lifecycle.ImplementationLifecycleProcess.Variables.*;

import io.hitgov.shared.process.Readable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Readable values for the lifecycle's forms (docs/conventions.md#readable-forms), set as task-local
 * variables when a task of the lifecycle or of one of its phase processes is created: the phase
 * with its name, the go-live date as a date, the earlier gate comment and the HIPAA gate's result
 * in words. Everything comes from the task's own variables (no database read); a phase process's
 * deliverables share the values on their phase process instance (see {@link #shareWithThePhase}).
 * Called by the engine's Spring event bridge, so the models stay unchanged.
 */
@Component
class LifecycleFormDisplay {

  static final Set<String> PHASE_PROCESSES = Set.copyOf(ImplementationLifecycleProcess.PHASE_PROCESSES.values());

  private final Readable readable;

  LifecycleFormDisplay(Readable readable) {
    this.readable = readable;
  }

  @EventListener
  public void onCreate(DelegateTask task) {
    readable.whenCreated(task, ImplementationLifecycleProcess.KEY::equals,
        created -> created.setVariablesLocal(values(created.getExecution())));
    readable.whenCreated(task, PHASE_PROCESSES::contains,
        created -> shareWithThePhase(created.getExecution().getProcessInstance(), values(created.getExecution())));
  }

  /**
   * A phase's deliverable tasks show the same values, so they are set once on the phase process
   * instance (its variables are loaded already) rather than on each task: a task's own variables
   * would cost each new task a read (a gate decision opens up to five deliverables at once).
   */
  static void shareWithThePhase(DelegateExecution phase, Map<String, Object> values) {
    values.forEach((name, value) -> {
      if (!value.equals(phase.getVariableLocal(name))) {
        phase.setVariableLocal(name, value);
      }
    });
  }

  /** Read through the task's execution: the task's own variables are not loaded for a new task (each would cost a read). */
  static Map<String, Object> values(VariableScope task) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("currentPhaseName", ImplementationLifecycleProcess.phaseName(task.getVariable(CURRENT_PHASE)));
    values.put("goLiveDateText", Readable.date(task.getVariable(GO_LIVE_DATE)));
    Object comment = task.getVariable(GATE_COMMENT);
    values.put("gateCommentText", comment instanceof String s && !s.isBlank() ? s : "none");
    if (task.hasVariable(HIPAA_GATE_RESULT)) {
      values.put("hipaaGateResultText", Readable.words(task.getVariable(HIPAA_GATE_RESULT)));
    }
    return values;
  }

}
