package io.hitgov.shared.web;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an error message may show a client (docs/security-errors.md): HITGov's own messages as their
 * first line, the engine's technical prefixes in words, and nothing that shows SQL, a stack frame
 * or internals. Plain functions, used by {@link ErrorClassifier} and {@link ApiExceptionHandler}.
 */
final class ErrorMessages {

  private ErrorMessages() {}

  private static final Pattern LEAKY = Pattern.compile(
      "(?is).*(###|\\bsql\\b|sqlstate|jdbc|\\bselect\\b.+\\bfrom\\b|\\binsert into\\b|\\bupdate\\b.+\\bset\\b|"
          + "org\\.apache\\.ibatis|\\.java:\\d+|\\tat ).*");

  /** HITGov's own message (it may quote what the user sent, which is not a leak): its first line, at most 1000 characters. */
  static String own(String message, String fallback) {
    if (message == null || message.isBlank()) {
      return fallback;
    }
    return firstLine(message, fallback);
  }

  /**
   * Camunda's REST layer puts the technical object in front of the reason ("Cannot instantiate
   * process definition ChangeRequestProcess:3:4f5c…: projectId is required"): a person reads what
   * was refused in words, then the reason.
   */
  static final List<Map.Entry<Pattern, String>> ENGINE_PREFIXES = List.of(
      Map.entry(Pattern.compile("^Cannot instantiate process definition \\S+: "), "The process was not started: "),
      Map.entry(Pattern.compile("^Cannot submit task form \\S+: "), "The form was not submitted: "),
      Map.entry(Pattern.compile("^Cannot complete task \\S+: "), "The task was not completed: "));

  private static String firstLine(String message, String fallback) {
    String firstLine = message.strip().lines().findFirst().orElse(fallback);
    for (var prefix : ENGINE_PREFIXES) {
      var matcher = prefix.getKey().matcher(firstLine);
      if (matcher.find()) {
        firstLine = prefix.getValue() + firstLine.substring(matcher.end());
        break;
      }
    }
    return firstLine.length() > 1000 ? firstLine.substring(0, 1000) + " [...]" : firstLine;
  }

  /** The message, unless it would show SQL, a stack frame or internals: then {@code fallback}. */
  static String clean(String message, String fallback) {
    if (message == null || message.isBlank() || LEAKY.matcher(message).matches()) {
      return fallback;
    }
    return QUALIFIED_CLASS.matcher(firstLine(message, fallback)).replaceAll("$1");
  }

  /**
   * A class of the frameworks named with its package ({@code org.camunda.bpm.engine.rest.dto.task.TaskQueryDto}):
   * its simple name is enough. Other types keep their names ({@code java.io.File} in a refused deserialization).
   */
  private static final Pattern QUALIFIED_CLASS = Pattern.compile("\\b(?:org\\.camunda|com\\.fasterxml|org\\.glassfish|"
      + "org\\.springframework|org\\.apache|jakarta|camundajar|java\\.util)\\.(?:[a-z_][a-z0-9_]*\\.)*([A-Z][A-Za-z0-9_$]*)");

  /** The words of a 4xx status without a message of its own. */
  static String reason(int status) {
    return switch (status) {
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 406 -> "Not acceptable";
      case 409 -> "Conflict";
      case 413 -> "Request too large";
      case 415 -> "Unsupported media type";
      default -> "Invalid request";
    };
  }
}
