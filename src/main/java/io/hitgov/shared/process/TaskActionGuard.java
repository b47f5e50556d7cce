package io.hitgov.shared.process;

import java.lang.reflect.Field;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EscalationEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;

/**
 * What a user may do to a task besides completing it, on every surface (REST, Tasklist, Java API).
 * Camunda lets anyone who may work on a task (TASK_WORK: its candidates) also do, or does not let them do:
 * <ul>
 *   <li>claim it for any other user, or with no user unclaim it from whoever holds it. HITGov:
 *   claiming for someone else, or taking a task from its assignee, is an assignment and needs
 *   TASK_ASSIGN (403 otherwise); a candidate claims for themselves.</li>
 *   <li>not let go of a task they hold: Tasklist's "Unclaim" sets the assignee to none, which Camunda
 *   checks as an assignment (TASK_ASSIGN). HITGov: the assignee may unclaim their own task.</li>
 *   <li>throw any BPMN error or escalation from it, which the engine passes up to whatever scope
 *   catches it: a project manager's phase task could throw the lifecycle's PROJECT_TERMINATED and end
 *   the project without a gate decision. HITGov: a task raises only what a boundary event of that
 *   task catches, the way its model offers it (400 otherwise).</li>
 * </ul>
 * Commands without an authenticated user (jobs, HITGov's own service calls) are not users and are not
 * checked.
 */
final class TaskActionGuard extends CommandInterceptor {

  private static final Field CLAIM_TASK = CamundaFields.field(ClaimTaskCmd.class, "taskId");
  private static final Field CLAIM_USER = CamundaFields.field(ClaimTaskCmd.class, "userId");
  private static final Field ASSIGN_TASK = CamundaFields.field(AbstractSetTaskPropertyCmd.class, "taskId");
  private static final Field ASSIGN_USER = CamundaFields.field(AbstractAddIdentityLinkCmd.class, "userId");
  private static final Field ERROR_TASK = CamundaFields.field(HandleTaskBpmnErrorCmd.class, "taskId");
  private static final Field ERROR_CODE = CamundaFields.field(HandleTaskBpmnErrorCmd.class, "errorCode");
  private static final Field ESCALATION_TASK = CamundaFields.field(HandleTaskEscalationCmd.class, "taskId");
  private static final Field ESCALATION_CODE = CamundaFields.field(HandleTaskEscalationCmd.class, "escalationCode");

  @Override
  public <T> T execute(Command<T> command) {
    CommandContext context = Context.getCommandContext();
    String user = context == null ? null : context.getAuthenticatedUserId();
    if (user != null) {
      if (command instanceof ClaimTaskCmd) {
        checkClaim(context, user, value(CLAIM_TASK, command), value(CLAIM_USER, command));
      } else if (command instanceof HandleTaskBpmnErrorCmd) {
        checkRaise(context, value(ERROR_TASK, command), "BPMN error", value(ERROR_CODE, command));
      } else if (command instanceof HandleTaskEscalationCmd) {
        checkRaise(context, value(ESCALATION_TASK, command), "escalation", value(ESCALATION_CODE, command));
      } else if (command instanceof AssignTaskCmd && value(ASSIGN_USER, command) == null) {
        TaskEntity task = task(context, value(ASSIGN_TASK, command));
        if (task != null && user.equals(task.getAssignee())) {
          // the assignee lets go of their own task: no assignment right needed for that
          return context.runWithoutAuthorization(() -> next.execute(command));
        }
      }
    }
    return next.execute(command);
  }

  private static void checkClaim(CommandContext context, String user, String taskId, String claimant) {
    TaskEntity task = task(context, taskId);
    if (task == null) {
      return; // Camunda answers the unknown task itself
    }
    boolean forSomeoneElse = claimant != null && !claimant.equals(user);
    boolean takenFromItsAssignee = claimant == null && task.getAssignee() != null && !task.getAssignee().equals(user);
    if (forSomeoneElse || takenFromItsAssignee) {
      try {
        checkers(context).forEach(checker -> checker.checkTaskAssign(task));
      } catch (AuthorizationException e) {
        throw new AuthorizationException(forSomeoneElse
            ? user + " may claim task " + taskId + " for themselves only: claiming it for " + claimant
                + " is an assignment, which needs the TASK_ASSIGN permission"
            : user + " may not unclaim task " + taskId + " from " + task.getAssignee()
                + ": that is an assignment, which needs the TASK_ASSIGN permission");
      }
    }
  }

  private static void checkRaise(CommandContext context, String taskId, String kind, String code) {
    TaskEntity task = task(context, taskId);
    if (task == null || task.getProcessDefinitionId() == null || code == null) {
      return; // Camunda answers an unknown task or a missing code itself
    }
    checkers(context).forEach(checker -> checker.checkTaskWork(task)); // who may not work on it hears 403 first
    BpmnModelInstance model = context.getProcessEngineConfiguration().getDeploymentCache()
        .findBpmnModelInstanceForProcessDefinition(task.getProcessDefinitionId());
    boolean offered = model != null && model.getModelElementsByType(BoundaryEvent.class).stream()
        .filter(boundary -> boundary.getAttachedTo() != null
            && Objects.equals(boundary.getAttachedTo().getId(), task.getTaskDefinitionKey()))
        .flatMap(boundary -> boundary.getEventDefinitions().stream())
        .anyMatch(definition -> catches(definition, code));
    if (!offered) {
      throw new BadUserRequestException("Task " + taskId + " (" + task.getName() + ") cannot raise " + kind + " '"
          + code + "': a task raises only what a boundary event of its own catches");
    }
  }

  private static boolean catches(EventDefinition definition, String code) {
    if (definition instanceof ErrorEventDefinition error) {
      return error.getError() == null || code.equals(error.getError().getErrorCode());
    }
    if (definition instanceof EscalationEventDefinition escalation) {
      return escalation.getEscalation() == null || code.equals(escalation.getEscalation().getEscalationCode());
    }
    return false;
  }

  private static TaskEntity task(CommandContext context, String taskId) {
    return taskId == null ? null : context.getTaskManager().findTaskById(taskId);
  }

  private static Iterable<CommandChecker> checkers(CommandContext context) {
    return context.getProcessEngineConfiguration().getCommandCheckers();
  }

  private static String value(Field field, Object command) {
    return CamundaFields.string(field, command);
  }
}
