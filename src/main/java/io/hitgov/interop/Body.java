package io.hitgov.interop;

import io.hitgov.shared.process.InvalidVariablesException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the fields of a JSON body, collecting every problem, each naming its field; 400 with all of them. */
final class Body {

  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Map<String, Object> body;
  private final List<String> problems = new ArrayList<>();

  Body(Map<String, Object> body, Set<String> fields, String what) {
    this.body = body == null ? Map.of() : body;
    List<String> unknown = this.body.keySet().stream().filter(k -> !fields.contains(k)).sorted().toList();
    if (!unknown.isEmpty()) {
      problems.add(unknown + " are not fields of " + what + " " + fields.stream().sorted().toList());
    }
  }

  String string(String name, boolean required, int maxLength) {
    Object value = body.get(name);
    if (value == null || value instanceof String s && s.isBlank()) {
      if (required) {
        problems.add(name + " is required");
      }
      return null;
    }
    if (!(value instanceof String s)) {
      problems.add(name + " must be a String");
      return null;
    }
    if (s.length() > maxLength) {
      problems.add(name + " is longer than " + maxLength + " characters");
      return null;
    }
    if (s.chars().anyMatch(c -> c < 0x20)) {
      problems.add(name + " contains control characters");
      return null;
    }
    return s.strip();
  }

  String id(String name, boolean required) {
    String s = string(name, required, 64);
    if (s != null && !ID.matcher(s).matches()) {
      problems.add(name + " must match " + ID.pattern());
      return null;
    }
    return s;
  }

  String oneOf(String name, boolean required, List<String> allowed, String fallback) {
    String s = string(name, required, 64);
    if (s == null) {
      return required ? null : fallback;
    }
    if (!allowed.contains(s)) {
      problems.add(name + " '" + s + "' is not one of " + allowed);
      return null;
    }
    return s;
  }

  Boolean bool(String name, boolean required, Boolean fallback) {
    Object value = body.get(name);
    if (value == null) {
      if (required) {
        problems.add(name + " is required");
      }
      return fallback;
    }
    if (!(value instanceof Boolean b)) {
      problems.add(name + " must be a Boolean");
      return null;
    }
    return b;
  }

  Long number(String name, boolean required, long min, long max) {
    Object value = body.get(name);
    if (value == null) {
      if (required) {
        problems.add(name + " is required");
      }
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      problems.add(name + " must be a whole number");
      return null;
    }
    long n = ((Number) value).longValue();
    if (n < min || n > max) {
      problems.add(name + " " + n + " is outside " + min + ".." + max);
      return null;
    }
    return n;
  }

  /** A list of strings, each at most {@code maxLength} characters and matching {@code pattern} when given. */
  List<String> strings(String name, boolean required, int maxItems, int maxLength, Pattern pattern) {
    Object value = body.get(name);
    if (value == null) {
      if (required) {
        problems.add(name + " is required");
      }
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      problems.add(name + " must be a list of Strings");
      return List.of();
    }
    if (required && list.isEmpty()) {
      problems.add(name + " must not be empty");
    }
    if (list.size() > maxItems) {
      problems.add(name + " has more than " + maxItems + " entries");
      return List.of();
    }
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String s) || s.isBlank() || s.length() > maxLength
          || pattern != null && !pattern.matcher(s.strip()).matches()) {
        problems.add(name + "[" + i + "] must be a String of at most " + maxLength + " characters"
            + (pattern == null ? "" : " matching " + pattern.pattern()));
      } else {
        strings.add(s.strip());
      }
    }
    return strings;
  }

  void problem(String problem) {
    problems.add(problem);
  }

  /** 400 with every problem, if any. */
  void check() {
    if (!problems.isEmpty()) {
      throw new InvalidVariablesException(problems);
    }
  }
}
