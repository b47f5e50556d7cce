package io.hitgov.lifecycle;

import io.hitgov.lifecycle.ImplementationLifecycleProcess.Elements;
import io.hitgov.shared.process.ModelCallable;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Version 1 of ImplementationLifecycleProcess only (the one-diagram model; its running instances
 * finish on it): every user task of that model names this one listener, so it hands each task to
 * the listener of its form ({@link LifecycleForms}). Current models name the form listeners
 * themselves. Remove together with version 1 once no instance of it runs
 * (docs/adr/0004-feature-packages.md).
 */
@Component("lifecycleTaskListener")
@ModelCallable(processes = ImplementationLifecycleProcess.KEY)
class LifecycleTaskListener implements TaskListener {

  private final Map<String, TaskListener> forms;
  private final TaskListener deliverable;

  LifecycleTaskListener(LifecycleForms.Deliverable deliverable, LifecycleForms.IntegratedTesting testing,
      LifecycleForms.UatSignOff uat, LifecycleForms.ConfirmGoLive goLive,
      LifecycleForms.ReadinessCheckpoint checkpoint, LifecycleForms.StalledPhase stalled,
      LifecycleForms.BlockedHipaaGate hipaa) {
    this.deliverable = deliverable;
    this.forms = Map.of(Elements.RUN_INTEGRATED_TESTING, testing, Elements.SIGN_OFF_UAT, uat,
        Elements.CONFIRM_GO_LIVE, goLive, Elements.SCORE_CHECKPOINT, checkpoint,
        Elements.REVIEW_STALLED_PHASE, stalled, Elements.RESOLVE_BLOCKED_HIPAA, hipaa);
  }

  @Override
  public void notify(DelegateTask task) {
    forms.getOrDefault(task.getTaskDefinitionKey(), deliverable).notify(task);
  }
}
