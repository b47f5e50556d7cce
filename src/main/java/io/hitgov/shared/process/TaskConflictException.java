package io.hitgov.shared.process;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A request that conflicts with the state of a task: it is claimed by someone else, or it is not
 * delegated and cannot be resolved. HITGov's HTTP boundaries answer it with 409 and the message.
 * It extends Camunda's {@code FormFieldValidationException} only so that a client served by
 * Camunda's own error mapping (Tasklist's engine API) gets a 400 with the message, never a 500.
 */
public class TaskConflictException extends FormFieldValidationException {

  public TaskConflictException(String message) {
    super("task", message);
  }
}
