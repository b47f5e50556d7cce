package io.hitgov.interop.validation;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Takes the values of a test message out of an issue text. Validators often quote what they found
 * ("value 'SMITH^JOHN' is not ..."); test messages may carry (synthetic) PHI, so an issue text
 * keeps no value of the message: every value of the message (field or component contents, JSON or
 * XML values) of {@value #MIN_VALUE_LENGTH} or more characters is replaced by {@value #MASK} (values
 * shorter than {@value #WHOLE_WORD_BELOW} characters only as whole words), and
 * quoted text that still contains one is masked as a whole. URLs (code systems, profiles) are no
 * patient data and stay. Texts are clipped to {@value #MAX_TEXT}.
 */
public final class Sanitizer {

  public static final String MASK = "[value]";
  static final int MIN_VALUE_LENGTH = 2;
  static final int MAX_TEXT = 500;
  static final int WHOLE_WORD_BELOW = 6;
  private static final Pattern QUOTED = Pattern.compile("(?<![A-Za-z])'[^']*'(?![A-Za-z])|\"[^\"]*\"");

  private final List<String> values;

  private Sanitizer(Set<String> values) {
    this.values = values.stream().filter(v -> v.length() >= MIN_VALUE_LENGTH && !v.matches("(https?|urn):.*"))
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  /** A sanitiser that masks these values of the message. */
  public static Sanitizer masking(Set<String> values) {
    return new Sanitizer(new LinkedHashSet<>(values));
  }

  public String clean(String text) {
    if (text == null) {
      return "";
    }
    String cleaned = text;
    for (String value : values) {
      // a long value is masked wherever it stands; a short one only as a whole word ("ER" stays in "ERROR")
      cleaned = value.length() >= WHOLE_WORD_BELOW ? cleaned.replace(value, MASK)
          : cleaned.replaceAll("(?<![A-Za-z0-9])" + Pattern.quote(value) + "(?![A-Za-z0-9])",
              java.util.regex.Matcher.quoteReplacement(MASK));
    }
    cleaned = QUOTED.matcher(cleaned).replaceAll(m -> m.group().contains(MASK) ? "'" + MASK + "'"
        : java.util.regex.Matcher.quoteReplacement(m.group()));
    cleaned = cleaned.replaceAll("\\s+", " ").strip();
    return cleaned.length() > MAX_TEXT ? cleaned.substring(0, MAX_TEXT) + "..." : cleaned;
  }

  public Issue issue(String severity, String location, String text) {
    return new Issue(severity, clean(location), clean(text));
  }
}
