package io.hitgov.portfolio;

import java.time.LocalDate;

/**
 * One reason why a project is stalled, as a custom incident on its lifecycle instance: the type,
 * the configuration that identifies the cause ({@code cause:detail:since}, the key against
 * duplicates) and the message saying why and since when. No PHI: ids, phases, gates and dates.
 */
record Finding(String projectId, String processInstanceId, String type, String cause, String detail, LocalDate since,
    String message) {

  String configuration() {
    return cause + ":" + detail + ":" + since;
  }

  /** The day a configuration names as the start of its cause, or null. */
  static LocalDate since(String configuration) {
    if (configuration == null) {
      return null;
    }
    int last = configuration.lastIndexOf(':');
    try {
      return last < 0 ? null : LocalDate.parse(configuration.substring(last + 1));
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /** The cause a configuration names. */
  static String cause(String configuration) {
    return configuration == null || configuration.indexOf(':') < 0 ? "" : configuration.substring(0, configuration.indexOf(':'));
  }
}
