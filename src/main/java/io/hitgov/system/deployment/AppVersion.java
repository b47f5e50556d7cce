package io.hitgov.system.deployment;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Orders HITGov's release versions (the build info's {@code build.version}, e.g. {@code 1.4.0},
 * {@code 1.5.0-SNAPSHOT}): numeric parts compare as numbers, a release is newer than its own
 * pre-releases ({@code 1.5.0 > 1.5.0-SNAPSHOT}), pre-releases compare by their qualifier's text. A version that
 * does not start with a number (e.g. {@code development}, a build without build info) is unknown:
 * it is neither newer nor older than anything.
 */
final class AppVersion {

  private static final Pattern KNOWN = Pattern.compile("\\d+(\\.\\d+)*(-[0-9A-Za-z.-]+)?");

  private AppVersion() {}

  static boolean known(String version) {
    return version != null && KNOWN.matcher(version).matches();
  }

  /** Whether {@code candidate} is a known version newer than the known version {@code mine}. */
  static boolean newer(String candidate, String mine) {
    return compare(candidate, mine).map(c -> c > 0).orElse(false);
  }

  /** The order of two versions, or empty when either is unknown. */
  static Optional<Integer> compare(String a, String b) {
    if (!known(a) || !known(b)) {
      return Optional.empty();
    }
    String[] numbersA = a.split("-", 2)[0].split("\\.");
    String[] numbersB = b.split("-", 2)[0].split("\\.");
    for (int i = 0; i < Math.max(numbersA.length, numbersB.length); i++) {
      long x = i < numbersA.length ? Long.parseLong(numbersA[i]) : 0;
      long y = i < numbersB.length ? Long.parseLong(numbersB[i]) : 0;
      if (x != y) {
        return Optional.of(Long.compare(x, y));
      }
    }
    String qualifierA = a.contains("-") ? a.substring(a.indexOf('-') + 1) : null;
    String qualifierB = b.contains("-") ? b.substring(b.indexOf('-') + 1) : null;
    return Optional.of(Comparator.<String>nullsLast(String::compareToIgnoreCase).compare(qualifierA, qualifierB));
  }
}
