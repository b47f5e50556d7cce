package io.hitgov.shared.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * A user task backed by a form: its fields are declared when the task is created
 * ({@link TaskFields#declare}), and the completion is handed on with the acting user.
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

  @Override
  public final void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      TaskFields.declare(task, fields());
    } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      completed(task, currentUser.required(action));
    }
  }
}
