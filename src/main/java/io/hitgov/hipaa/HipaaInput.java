package io.hitgov.hipaa;

import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.IsoDates;
import java.time.LocalDate;
import java.util.List;

/** Checks of the HIPAA gate's form answers; each problem names its field. */
final class HipaaInput {

  private HipaaInput() {}

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** The answer without surrounding blanks; a blank answer is none. */
  static String trim(String value) {
    return blank(value) ? null : value.strip();
  }

  static void checkLength(List<String> problems, String name, String value, int max) {
    if (value != null && value.length() > max) {
      problems.add(name + " is longer than " + max + " characters");
    }
  }

  /** An optional ISO date; a malformed one is added to {@code problems} (and read as none). */
  static LocalDate date(List<String> problems, String field, String value) {
    try {
      return IsoDates.parseOptional(field, value);
    } catch (InvalidVariablesException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  /** Whether {@code problems} already names {@code field}. */
  static boolean names(List<String> problems, String field) {
    return problems.stream().anyMatch(p -> p.startsWith(field));
  }
}
