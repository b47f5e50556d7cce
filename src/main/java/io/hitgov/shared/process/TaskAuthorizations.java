package io.hitgov.shared.process;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Per-task authorizations written by the engine on a user's behalf (a task listener runs as the
 * user whose action created the task, who may not write authorizations themselves).
 */
public final class TaskAuthorizations {

  /** Everything a user can do with a task: see it, its variables, claim, complete, reassign. */
  static final Permission[] ALL_ON_TASK = {Permissions.READ, Permissions.UPDATE, Permissions.DELETE,
      TaskPermissions.READ_VARIABLE, TaskPermissions.UPDATE_VARIABLE, TaskPermissions.TASK_WORK,
      TaskPermissions.TASK_ASSIGN};

  private TaskAuthorizations() {}

  /**
   * A user-level REVOKE of every permission on this one task: user authorizations take precedence
   * over the candidate group's GRANT, so the task is not in the user's lists, not readable through
   * the REST API and cannot be claimed or completed by them (docs/processes/tasklist.md).
   */
  public static void revoke(DelegateTask task, String userId) {
    if (userId == null) {
      return;
    }
    AuthorizationService authorizations = task.getProcessEngineServices().getAuthorizationService();
    Runnable write = () -> {
      Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
      revoke.setUserId(userId);
      revoke.setResource(Resources.TASK);
      revoke.setResourceId(task.getId());
      for (Permission permission : ALL_ON_TASK) {
        revoke.removePermission(permission);
      }
      authorizations.saveAuthorization(revoke);
    };
    EngineWork.withoutAuthorization(write);
  }
}
