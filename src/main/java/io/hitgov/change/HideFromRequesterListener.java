package io.hitgov.change;

import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskAuthorizations;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Segregation of duties made visible: the requester of a change never sees its impact assessment
 * or approval tasks, even when they belong to a candidate group of them (a per-task REVOKE for the
 * requester; the claim and completion refusals stay as the second wall).
 */
@Component("hideFromRequesterListener")
@ModelCallable(processes = ChangeRequestProcess.KEY)
class HideFromRequesterListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      TaskAuthorizations.revoke(task, (String) task.getVariable(ChangeRequestProcess.Variables.REQUESTER));
    }
  }
}
