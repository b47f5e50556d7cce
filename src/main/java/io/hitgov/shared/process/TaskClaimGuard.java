package io.hitgov.shared.process;

import java.lang.reflect.Field;
import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.DelegationState;
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
 * and are not checked. {@code resolve}, which hands a delegated task back to its owner, is refused
 * on a task that is not delegated (HITGov does not delegate tasks).
 */
@Component
public class TaskClaimGuard extends AbstractProcessEnginePlugin {

  static final TaskListener ONLY_THE_ASSIGNEE = TaskClaimGuard::check;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    CommandGuards.install(configuration, new OnlyDelegatedTasksResolve(), new TaskActionGuard());
    configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
          userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, ONLY_THE_ASSIGNEE);
        }
      }
    });
  }

  /**
   * "Resolve" hands a delegated task back to its owner; on a task that was never delegated it
   * would unassign a claimed task and write variables without completing it. Refused (409).
   */
  static final class OnlyDelegatedTasksResolve extends CommandInterceptor {
    private static final Field TASK_ID;

    static {
      try {
        TASK_ID = CompleteTaskCmd.class.getDeclaredField("taskId");
        TASK_ID.setAccessible(true);
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException("Camunda's CompleteTaskCmd has no taskId field", e);
      }
    }

    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof ResolveTaskCmd && Context.getCommandContext() != null) {
        String taskId;
        try {
          taskId = (String) TASK_ID.get(command);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
        TaskEntity task = taskId == null ? null : Context.getCommandContext().getTaskManager().findTaskById(taskId);
        if (task != null && task.getDelegationState() != DelegationState.PENDING) {
          throw new TaskConflictException("Task " + taskId + " is not delegated: there is nothing to resolve");
        }
      }
      if (!(command instanceof CompleteTaskCmd)) {
        return next.execute(command);
      }
      try {
        return next.execute(command);
      } catch (NullPointerException e) {
        throw completedMeanwhile(command, e);
      }
    }

    /**
     * Two users completing one task at once on two nodes: the loser's engine read the task before the
     * winner committed and its execution after, and Camunda 7.24 then fails with a NullPointerException
     * in {@code TaskEntity.complete} instead of an optimistic-locking error. That is a conflict (409).
     */
    private static RuntimeException completedMeanwhile(Command<?> command, NullPointerException e) {
      StackTraceElement[] at = e.getStackTrace();
      if (at.length > 0 && at[0].getClassName().equals(TaskEntity.class.getName())) {
        String taskId;
        try {
          taskId = (String) TASK_ID.get(command);
        } catch (IllegalAccessException inaccessible) {
          return e;
        }
        return new TaskConflictException("Task " + taskId + " was completed by someone else meanwhile: nothing was "
            + "changed, reload the task list");
      }
      return e;
    }
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
