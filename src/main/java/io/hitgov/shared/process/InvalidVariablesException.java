package io.hitgov.shared.process;

import java.util.List;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A start or task completion with a missing, unknown, wrongly typed or out-of-range variable.
 * Extends Camunda's {@code FormFieldValidationException} so that Camunda's REST layer (and
 * Tasklist) answer 400 with the message on task completion and form submission;
 * {@code io.hitgov.shared.web.ErrorClassifier} answers 400 for it on every other path.
 * Nothing is started or completed: the engine rolls the command back.
 */
public class InvalidVariablesException extends FormFieldValidationException {

  private final List<String> problems;

  public InvalidVariablesException(List<String> problems) {
    super(problems.isEmpty() ? null : problems.get(0), "Invalid variables: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public InvalidVariablesException(String problem) {
    this(List.of(problem));
  }

  /** Throws one exception naming all {@code problems}, if there are any. */
  public static void throwIfAny(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidVariablesException(problems);
    }
  }

  public List<String> problems() {
    return problems;
  }
}
