package io.hitgov.shared.process;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A request that conflicts with the state of a task: it is claimed by someone else, or already
 * completed. HITGov's HTTP boundaries answer it with 409 and the message; a client that only knows
 * Camunda's own error mapping (Tasklist) still gets a 400 with the message, never a 500.
 */
public class TaskConflictException extends BadUserRequestException {

  public TaskConflictException(String message) {
    super(message);
  }
}
