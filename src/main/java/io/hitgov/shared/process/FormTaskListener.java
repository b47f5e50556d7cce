package io.hitgov.shared.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * A user task backed by a form: its fields are declared when the task is created
 * ({@link TaskFields#declare}), a claim is handed on with the assignee (for forms that refuse
 * some people, e.g. four-eyes), and the completion is handed on with the acting user. One
 * listener per form: no listener looks at the task definition key to decide what to do.
 */
public abstract class FormTaskListener implements TaskListener {

  private final CurrentUser currentUser;
  private final String action;

  /**
   * @param action what the completion does, for the 403 when no user is authenticated
   *     (e.g. "Submitting HIPAA evidence")
   */
  protected FormTaskListener(CurrentUser currentUser, String action) {
    this.currentUser = currentUser;
    this.action = action;
  }

  /** The form's field keys. */
  protected abstract String[] fields();

  /** Validates and records the completion; {@code user} is the authenticated user. */
  protected abstract void completed(DelegateTask task, String user);

  /** The task was created and its fields declared (for forms that record their own creation). */
  protected void created(DelegateTask task) {
  }

  /** A user claimed the task or was assigned it (only for models that listen to assignment). */
  protected void assigned(DelegateTask task, String assignee) {
  }

  @Override
  public final void notify(DelegateTask task) {
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> {
        TaskFields.declare(task, fields());
        created(task);
      }
      case EVENTNAME_ASSIGNMENT -> {
        if (task.getAssignee() != null) {
          assigned(task, task.getAssignee());
        }
      }
      case EVENTNAME_COMPLETE -> completed(task, currentUser.required(action));
      default -> { }
    }
  }
}
