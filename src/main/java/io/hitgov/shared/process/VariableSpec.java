package io.hitgov.shared.process;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One variable of a process contract (docs/contract.md): name, type and constraints. Checks a value
 * and says what is wrong with it, naming the variable.
 */
public record VariableSpec(String name, Type type, boolean required, List<String> allowed, Pattern pattern,
    Long min, Long max, int maxLength) {

  /** The C7-native types HITGov uses; dates travel as ISO {@code yyyy-MM-dd} strings. */
  public enum Type {
    STRING,
    ISO_DATE,
    ENUM,
    BOOLEAN,
    INTEGER,
    LONG
  }

  public static VariableSpec string(String name, boolean required, int maxLength) {
    return new VariableSpec(name, Type.STRING, required, List.of(), null, null, null, maxLength);
  }

  public static VariableSpec id(String name, boolean required) {
    return new VariableSpec(name, Type.STRING, required, List.of(), Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}"),
        null, null, 64);
  }

  public static VariableSpec isoDate(String name, boolean required) {
    return new VariableSpec(name, Type.ISO_DATE, required, List.of(), null, null, null, 10);
  }

  public static VariableSpec oneOf(String name, boolean required, List<String> allowed) {
    return new VariableSpec(name, Type.ENUM, required, List.copyOf(allowed), null, null, null, 64);
  }

  public static VariableSpec bool(String name, boolean required) {
    return new VariableSpec(name, Type.BOOLEAN, required, List.of(), null, null, null, 0);
  }

  public static VariableSpec integer(String name, boolean required, long min, long max) {
    return new VariableSpec(name, Type.INTEGER, required, List.of(), null, min, max, 0);
  }

  public static VariableSpec longValue(String name, boolean required, long min, long max) {
    return new VariableSpec(name, Type.LONG, required, List.of(), null, min, max, 0);
  }

  /** What is wrong with {@code value} (absent when {@code present} is false), if anything. */
  public Optional<String> check(boolean present, Object value) {
    if (!present || value == null || value instanceof String s && s.isBlank() && type != Type.STRING) {
      return required ? Optional.of(name + " is required") : Optional.empty();
    }
    return switch (type) {
      case STRING -> {
        if (!(value instanceof String s)) {
          yield wrongType(value, "String");
        }
        if (required && s.isBlank()) {
          yield Optional.of(name + " is required");
        }
        if (s.length() > maxLength) {
          yield Optional.of(name + " is longer than " + maxLength + " characters");
        }
        if (pattern != null && !s.isEmpty() && !pattern.matcher(s).matches()) {
          yield Optional.of(name + " '" + s + "' does not match " + pattern.pattern());
        }
        yield Optional.empty();
      }
      case ISO_DATE -> {
        if (!(value instanceof String s)) {
          yield wrongType(value, "String (ISO date yyyy-MM-dd)");
        }
        yield IsoDates.problem(name, s);
      }
      case ENUM -> {
        if (!(value instanceof String s)) {
          yield wrongType(value, "String");
        }
        yield allowed.contains(s) ? Optional.empty()
            : Optional.of(name + " '" + s + "' is not one of " + allowed);
      }
      case BOOLEAN -> value instanceof Boolean ? Optional.empty() : wrongType(value, "Boolean");
      case INTEGER, LONG -> {
        // Whole numbers of any width are accepted (Tasklist's forms submit numbers as Long or Double).
        boolean rightType = value instanceof Integer || value instanceof Short || value instanceof Long
            || value instanceof Double d && d == Math.rint(d) && !d.isInfinite();
        if (!rightType) {
          yield wrongType(value, type == Type.INTEGER ? "Integer" : "Long");
        }
        long number = ((Number) value).longValue();
        if (min != null && number < min || max != null && number > max) {
          yield Optional.of(name + " " + number + " is outside " + min + ".." + max);
        }
        yield Optional.empty();
      }
    };
  }

  private Optional<String> wrongType(Object value, String expected) {
    return Optional.of(name + " must be a " + expected + ", not " + value.getClass().getSimpleName());
  }
}
