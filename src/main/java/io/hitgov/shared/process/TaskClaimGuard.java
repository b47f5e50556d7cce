package io.hitgov.shared.process;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * A task claimed by (or assigned to) one user is completed by that user only: anyone else, even
 * a member of the same candidate group, gets a {@link TaskConflictException} (409) until the task is
 * unclaimed or reassigned by someone entitled to. The check is a built-in complete listener on
 * every user task of every deployed model, so it holds for {@code /engine-rest}, Tasklist, form
 * submissions and the Java API alike, and {@code skipCustomListeners} cannot skip it. Completions
 * the engine makes without an authenticated user (jobs, HITGov's own service calls) are not users
 * and are not checked.
 */
@Component
public class TaskClaimGuard extends AbstractProcessEnginePlugin {

  static final TaskListener ONLY_THE_ASSIGNEE = TaskClaimGuard::check;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
          userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, ONLY_THE_ASSIGNEE);
        }
      }
    });
  }

  static void check(DelegateTask task) {
    String assignee = task.getAssignee();
    if (assignee == null || Context.getCommandContext() == null) {
      return;
    }
    String user = Context.getCommandContext().getAuthenticatedUserId();
    if (user != null && !user.equals(assignee)) {
      throw new TaskConflictException("Task " + task.getId() + " is claimed by " + assignee + ": only " + assignee
          + " may complete it, unless it is unclaimed or reassigned first");
    }
  }
}
