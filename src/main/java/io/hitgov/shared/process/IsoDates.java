package io.hitgov.shared.process;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one way HITGov reads a date a user submitted: ISO {@code yyyy-MM-dd}, nothing before or
 * after it (no time, no sign, no five-digit year), a real calendar day, and a year inside the
 * window ({@code hitgov.dates.earliest-year} .. {@code latest-year}, by default 2000..2100).
 * Anything else is a 400 naming the field.
 */
public final class IsoDates {

  private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("uuuu-MM-dd")
      .withResolverStyle(ResolverStyle.STRICT);

  private static volatile int earliestYear = 2000;
  private static volatile int latestYear = 2100;

  private IsoDates() {}

  /** Sets the accepted window of years (from configuration, once at start-up). */
  public static void window(int earliest, int latest) {
    if (earliest > latest) {
      throw new IllegalArgumentException("hitgov.dates: earliest-year " + earliest + " is after latest-year " + latest);
    }
    earliestYear = earliest;
    latestYear = latest;
  }

  public static int earliestYear() {
    return earliestYear;
  }

  public static int latestYear() {
    return latestYear;
  }

  /** What is wrong with {@code value} as a date of field {@code field}, if anything. */
  public static Optional<String> problem(String field, String value) {
    if (value == null || !SHAPE.matcher(value).matches()) {
      return Optional.of(field + " '" + shortened(value) + "' is not an ISO date (yyyy-MM-dd)");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(value, STRICT);
    } catch (DateTimeParseException e) {
      return Optional.of(field + " '" + value + "' is not a calendar date (yyyy-MM-dd)");
    }
    if (date.getYear() < earliestYear || date.getYear() > latestYear) {
      return Optional.of(field + " " + value + " is outside the years " + earliestYear + ".." + latestYear);
    }
    return Optional.empty();
  }

  /** The date, or a 400 naming the field; {@code null} and blank are "absent" and give {@code null}. */
  public static LocalDate parseOptional(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    problem(field, value).ifPresent(p -> {
      throw new InvalidVariablesException(p);
    });
    return LocalDate.parse(value, STRICT);
  }

  /** The date, or a 400 naming the field (also when it is missing). */
  public static LocalDate parseRequired(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidVariablesException(field + " is required");
    }
    return parseOptional(field, value);
  }

  private static String shortened(String value) {
    return value != null && value.length() > 40 ? value.substring(0, 40) + "..." : value;
  }
}
