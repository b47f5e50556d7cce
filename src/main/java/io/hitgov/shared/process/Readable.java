package io.hitgov.shared.process;

import io.hitgov.shared.GovernanceGroup;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Date;
import java.util.Locale;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * What a form shows a person instead of a variable's raw value (docs/conventions.md#readable-forms):
 * money with thousands separators and its currency, dates in the organization's time zone
 * ({@code hitgov.time-zone}), booleans as yes/no, enumerations as words, group ids as the group's
 * display name and user ids as the user's name. Camunda Forms (form-js) cannot format values, so
 * each feature's task-create hook puts these strings next to the raw variables as task-local
 * variables ({@code ...Text}); the raw variables stay what the processes and decisions read.
 */
@Component
public class Readable {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z",
      Locale.ENGLISH);
  private static final String NONE = "—";

  private final IdentityService identityService;
  private final java.time.Duration namesKept;

  public Readable(IdentityService identityService,
      @org.springframework.beans.factory.annotation.Value("${hitgov.readable.user-names-kept:PT60S}")
      java.time.Duration namesKept) {
    this.identityService = identityService;
    this.namesKept = namesKept;
  }

  /** {@code 40000} -> {@code "40,000 USD"}; a negative amount is a saving: {@code "-5,000 USD (saving)"}. */
  public static String money(Object amount) {
    if (!(amount instanceof Number number)) {
      return NONE;
    }
    NumberFormat format = NumberFormat.getIntegerInstance(Locale.US);
    String text = format.format(Math.abs(number.longValue())) + " USD";
    return number.longValue() < 0 ? "-" + text + " (saving)" : text;
  }

  /** A percentage with at most one decimal: {@code 4.0} -> {@code "4 %"}, {@code 12.345} -> {@code "12.3 %"}. */
  public static String percent(Object value) {
    if (!(value instanceof Number number)) {
      return NONE;
    }
    NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
    format.setMaximumFractionDigits(1);
    return format.format(number.doubleValue()) + " %";
  }

  /** {@code true} / {@code "true"} -> yes, {@code false} -> no, missing -> a dash. */
  public static String yesNo(Object value) {
    if (value instanceof Boolean b) {
      return b ? "yes" : "no";
    }
    if (value instanceof String s && (s.equals("true") || s.equals("false"))) {
      return s.equals("true") ? "yes" : "no";
    }
    return NONE;
  }

  /** {@code MINOR_ADDITION} -> {@code "Minor addition"}; missing -> a dash. */
  public static String words(Object value) {
    if (!(value instanceof String s) || s.isBlank()) {
      return NONE;
    }
    String spaced = Arrays.stream(s.strip().split("_+")).map(w -> w.toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(" "));
    return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  /**
   * An ISO date ({@code 2026-12-08}), an ISO date-time with offset or a {@link Date} as a date, in
   * the organization's time zone: {@code "Tue 8 Dec 2026"}. Anything else is shown as it is.
   */
  public static String date(Object value) {
    if (value == null || "".equals(value)) {
      return NONE;
    }
    if (value instanceof Date d) {
      return DATE.format(d.toInstant().atZone(EngineClock.zone()));
    }
    if (value instanceof LocalDate d) {
      return DATE.format(d);
    }
    String text = value.toString();
    try {
      return DATE.format(LocalDate.parse(text));
    } catch (DateTimeParseException notADate) {
      ZonedDateTime at = zoned(text);
      return at == null ? text : DATE.format(at);
    }
  }

  /** An ISO date-time with offset as a date and time in the organization's time zone: {@code "Tue 8 Dec 2026, 09:00 EST"}. */
  public static String dateTime(Object value) {
    if (value == null || "".equals(value)) {
      return NONE;
    }
    if (value instanceof Date d) {
      return DATE_TIME.format(d.toInstant().atZone(EngineClock.zone()));
    }
    ZonedDateTime at = zoned(value.toString());
    return at == null ? date(value) : DATE_TIME.format(at);
  }

  private static ZonedDateTime zoned(String text) {
    try {
      return OffsetDateTime.parse(text).atZoneSameInstant(EngineClock.zone());
    } catch (DateTimeParseException notADateTime) {
      return null;
    }
  }

  /** A group id as its display name ({@code finance} -> {@code "Finance"}); an unknown id as it is. */
  public static String group(Object groupId) {
    if (!(groupId instanceof String id) || id.isBlank()) {
      return NONE;
    }
    return Arrays.stream(GovernanceGroup.values()).filter(g -> g.id().equals(id)).findFirst()
        .map(GovernanceGroup::displayName).orElse(id);
  }

  /**
   * Whether the task belongs to a definition of the given process key. Asked by key (the engine's
   * definition cache answers): a definition id is {@code key:version:uuid} only for short keys.
   */
  public static boolean ofProcess(DelegateTask task, String processKey) {
    return processKey.equals(processKey(task));
  }

  /**
   * The key of the task's process definition (from the engine's definition cache, without a nested
   * command and its authorization check when the task is the engine's own); null for a standalone task.
   */
  public static String processKey(DelegateTask task) {
    String definitionId = task.getProcessDefinitionId();
    if (definitionId == null) {
      return null;
    }
    if (task instanceof TaskEntity entity && Context.getCommandContext() != null) {
      return entity.getProcessDefinition().getKey();
    }
    return task.getProcessEngineServices().getRepositoryService().getProcessDefinition(definitionId).getKey();
  }

  /**
   * The common shape of a feature's display hook: for a task just created (an engine task event)
   * in a process whose key {@code ofProcesses} accepts, runs {@code show} as system (see
   * {@link #asSystem}); any other task or event is left alone.
   */
  public void whenCreated(DelegateTask task, java.util.function.Predicate<String> ofProcesses,
      java.util.function.Consumer<DelegateTask> show) {
    if (org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      asSystem(() -> {
        if (ofProcesses.test(processKey(task))) {
          show.accept(task);
        }
      });
    }
  }

  /**
   * Runs a display look-up (user names, a decision's rows) without the acting user's
   * authorizations: what it reads is shown on the task the user is about to work on anyway, and a
   * missing read permission must neither hide a name nor fail the governance step that created the task.
   */
  public void asSystem(Runnable lookup) {
    readAsSystem(() -> {
      lookup.run();
      return null;
    });
  }

  /** {@link #asSystem} for a look-up that answers: what {@code lookup} returns. */
  public <T> T readAsSystem(java.util.function.Supplier<T> lookup) {
    Authentication acting = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return lookup.get();
    } finally {
      if (acting != null) {
        identityService.setAuthentication(acting);
      }
    }
  }

  /**
   * A user id as "First Last (id)"; an unknown id as it is. Names are remembered per node (bounded)
   * for {@code hitgov.readable.user-names-kept} (default 60 s): a form created in that time after a
   * rename shows the old name, nothing else depends on it (docs/performance.md#caches).
   */
  public String user(Object userId) {
    if (!(userId instanceof String id) || id.isBlank()) {
      return NONE;
    }
    long now = System.nanoTime();
    Name known = names.get(id);
    if (known != null && now - known.readAt() < namesKept.toNanos()) {
      return known.text();
    }
    if (names.size() >= MAX_NAMES) {
      names.clear();
    }
    User user = identityService.createUserQuery().userId(id).singleResult();
    if (user == null) {
      return id; // not remembered: a user created a moment later is named at once
    }
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    String text = name.isEmpty() ? id : name + " (" + id + ")";
    names.put(id, new Name(text, now));
    return text;
  }

  private static final int MAX_NAMES = 10_000;

  private record Name(String text, long readAt) {}

  private final java.util.Map<String, Name> names = new java.util.concurrent.ConcurrentHashMap<>();

}
