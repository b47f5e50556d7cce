package io.hitgov.shared.process;

import io.hitgov.shared.web.StatusException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * The refusals of HITGov's command guards, which keep their status and message on every surface:
 * Camunda's REST resources answer some engine errors with a text of their own ("Not enough parameters
 * submitted", "Task id is null", a 404 for a refused deletion), and {@code ErrorClassifier} finds a
 * {@link StatusException} anywhere in the cause chain.
 */
final class Refusals {

  private Refusals() {}

  /** 400 with this message. */
  static final class BadRequest extends BadUserRequestException implements StatusException {
    BadRequest(String message) {
      super(message);
    }

    @Override
    public int httpStatus() {
      return 400;
    }

    @Override
    public String errorType() {
      return "InvalidRequestException";
    }
  }

  /** 403 with this message. */
  static class Forbidden extends AuthorizationException implements StatusException {
    Forbidden(String message) {
      super(message);
    }

    @Override
    public int httpStatus() {
      return 403;
    }

    @Override
    public String errorType() {
      return "AuthorizationException";
    }
  }
}
