package io.hitgov.shared.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Reads the fields a user submitted on a task. A task's form fields are declared as local
 * variables of the task's execution when the task is created ({@link #declare}): a completion
 * ({@code /task/{id}/complete}) and a form submission ({@code /submit-form}) both write into the
 * execution scope, so declaring them there keeps parallel instances (one per specification) from
 * overwriting each other's answers. A wrongly typed value is refused naming the field.
 */
public final class TaskFields {

  private TaskFields() {}

  /** Declares the task's form fields as (empty) local variables of the task's execution. */
  public static void declare(DelegateTask task, String... names) {
    for (String name : names) {
      task.getExecution().setVariableLocal(name, null);
    }
  }

  /** A String field; blank counts as absent (Tasklist submits an empty optional field as ""). */
  public static String string(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value == null || value instanceof String s && s.isBlank()) {
      return null;
    }
    if (value instanceof String) {
      return (String) value;
    }
    throw new InvalidVariablesException(name + " must be a String, not " + value.getClass().getSimpleName());
  }

  /** A String field of at most {@code maxLength} characters (the column it is kept in); longer is a 400. */
  public static String string(VariableScope scope, String name, int maxLength) {
    String value = string(scope, name);
    if (value != null && value.length() > maxLength) {
      throw new InvalidVariablesException(name + " is longer than " + maxLength + " characters");
    }
    return value;
  }

  /** Camunda keeps a String variable in at most 4000 characters: longer texts HITGov composes are cut, marked. */
  public static String clipped(String text) {
    return clipped(text, 4000);
  }

  /** A composed audit text cut to its column ({@code max} characters) with a marker, never failing its step. */
  public static String clipped(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 10) + " [...]";
  }

  /** A Boolean, also accepting the strings "true"/"false" that a radio group submits. */
  public static Boolean bool(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    if (value instanceof String s && (s.equals("true") || s.equals("false"))) {
      return Boolean.valueOf(s);
    }
    throw new InvalidVariablesException(name + " must be a Boolean, not " + value);
  }

  public static int integer(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value instanceof Number number) {
      return number.intValue();
    }
    throw new IllegalStateException("Variable " + name + " is missing or not a number: " + value);
  }
}
