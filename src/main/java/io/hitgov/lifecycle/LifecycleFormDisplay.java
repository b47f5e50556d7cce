package io.hitgov.lifecycle;

import static io.hitgov.lifecycle.ImplementationLifecycleProcess.Variables.*;

import io.hitgov.shared.process.Readable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Readable values for the lifecycle's forms (docs/conventions.md#readable-forms), set as task-local
 * variables when a task of the lifecycle or of one of its phase processes is created: the phase
 * with its name, the go-live date as a date, the earlier gate comment and the HIPAA gate's result
 * in words. Everything comes from the task's own variables (no database read); called by the
 * engine's Spring event bridge, so the models stay unchanged.
 */
@Component
class LifecycleFormDisplay {

  static final Set<String> PROCESSES = processes();

  private final Readable readable;

  LifecycleFormDisplay(Readable readable) {
    this.readable = readable;
  }

  private static Set<String> processes() {
    Set<String> keys = new java.util.HashSet<>(ImplementationLifecycleProcess.PHASE_PROCESSES.values());
    keys.add(ImplementationLifecycleProcess.KEY);
    return Set.copyOf(keys);
  }

  @EventListener
  public void onCreate(DelegateTask task) {
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      readable.asSystem(() -> {
        if (PROCESSES.contains(Readable.processKey(task))) {
          task.setVariablesLocal(values(task));
        }
      });
    }
  }

  static Map<String, Object> values(DelegateTask task) {
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
