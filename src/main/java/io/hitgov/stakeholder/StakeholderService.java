package io.hitgov.stakeholder;

import io.hitgov.notification.NotificationService;
import io.hitgov.notification.NotificationService.Recipient;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.IdCounter;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.project.ProjectDirectory;
import io.hitgov.stakeholder.StakeholderRepository.Stakeholder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * A project's stakeholder register (docs/notifications.md#stakeholder-register): who they are (a
 * HITGov user or an external e-mail address), their role and interest, and what they receive by
 * e-mail: the weekly {@code STATUS_REPORT}, {@code GATE_DECISIONS}.
 */
@Service
class StakeholderService {

  static final List<String> INTERESTS = List.of("HIGH", "MEDIUM", "LOW");
  static final List<String> RECEIVES = List.of("STATUS_REPORT", "GATE_DECISIONS");
  static final Set<String> FIELDS = Set.of("userId", "email", "role", "interest", "receives");
  static final int MAX_ROLE = 100;
  static final int MAX_EMAIL = 320;
  /** A plain address (local@domain.tld), no display name, no spaces or angle brackets. */
  static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,63}");
  static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

  private final StakeholderRepository repository;
  private final ProjectDirectory projects;
  private final NotificationService notifications;
  private final IdCounter ids;

  StakeholderService(StakeholderRepository repository, ProjectDirectory projects, NotificationService notifications,
      IdCounter ids) {
    this.repository = repository;
    this.projects = projects;
    this.notifications = notifications;
    this.ids = ids;
  }

  List<Stakeholder> register(String projectId) {
    requireProject(projectId);
    return repository.ofProject(projectId);
  }

  /** Adds a stakeholder; every problem of the body is named in one 400. */
  Stakeholder add(String projectId, Map<String, Object> body, String actor) {
    requireProject(projectId);
    List<String> problems = new ArrayList<>();
    body.keySet().stream().filter(k -> !FIELDS.contains(k)).sorted()
        .forEach(k -> problems.add(k + " is not a field of a stakeholder " + FIELDS.stream().sorted().toList()));
    String userId = text(body, "userId", 64, problems);
    String email = text(body, "email", MAX_EMAIL, problems);
    String role = text(body, "role", MAX_ROLE, problems);
    String interest = text(body, "interest", 16, problems);
    if (userId == null && email == null && !problems.stream().anyMatch(p -> p.startsWith("userId") || p.startsWith("email"))) {
      problems.add("userId or email is required (a HITGov user or an external e-mail address)");
    } else if (userId != null && email != null) {
      problems.add("userId and email: give one of them, not both");
    }
    if (userId != null && (!USER_ID.matcher(userId).matches() || notifications.user(userId).isEmpty())) {
      problems.add("userId '" + userId + "' is not a HITGov user");
    }
    if (email != null && !EMAIL.matcher(email).matches()) {
      problems.add("email is not an e-mail address (name@example.org)");
    }
    if (role == null || role.isBlank()) {
      problems.add("role is required (e.g. Clinical lead, Department head, Vendor)");
    }
    if (interest == null || !INTERESTS.contains(interest)) {
      problems.add("interest must be one of " + INTERESTS);
    }
    List<String> receives = new ArrayList<>();
    Object value = body.get("receives");
    if (value == null) {
      receives.add("STATUS_REPORT");
    } else if (!(value instanceof List<?> list)) {
      problems.add("receives must be a list, a subset of " + RECEIVES);
    } else {
      for (Object item : list) {
        if (!(item instanceof String what) || !RECEIVES.contains(what)) {
          problems.add("receives: '" + item + "' is not one of " + RECEIVES);
        } else if (!receives.contains(what)) {
          receives.add(what);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidVariablesException(problems);
    }
    Stakeholder stakeholder = new Stakeholder("SH-" + projectId + "-" + ids.next("SH/" + projectId), projectId, userId,
        email, role.strip(), interest, String.join(",", receives), actor, EngineClock.now());
    repository.insert(stakeholder);
    return stakeholder;
  }

  void remove(String projectId, String stakeholderId) {
    requireProject(projectId);
    Stakeholder stakeholder = repository.find(projectId, stakeholderId).orElseThrow(
        () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No stakeholder " + stakeholderId + " on " + projectId));
    repository.delete(stakeholder.stakeholderId());
  }

  /** The recipients on the register who receive {@code what}, with the role each holds. */
  List<Recipient> recipients(String projectId, String what) {
    List<Recipient> recipients = new ArrayList<>();
    for (Stakeholder s : repository.ofProject(projectId)) {
      if (!s.receivesList().contains(what)) {
        continue;
      }
      if (s.userId() != null) {
        notifications.user(s.userId()).ifPresent(recipients::add);
      } else {
        recipients.add(NotificationService.external(s.email(), s.role()));
      }
    }
    return recipients;
  }

  /** The first role of the recipient on the project's register (for the mail's wording). */
  String roleOf(String projectId, Recipient recipient) {
    return repository.ofProject(projectId).stream()
        .filter(s -> recipient.userId() != null ? recipient.userId().equals(s.userId())
            : recipient.address() != null && recipient.address().equalsIgnoreCase(s.email()))
        .map(Stakeholder::role).findFirst().orElse("stakeholder");
  }

  List<String> projectsReceiving(String what) {
    return repository.projectsReceiving(what);
  }

  private void requireProject(String projectId) {
    if (!projects.isRegistered(projectId)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No project " + projectId);
    }
  }

  private static String text(Map<String, Object> body, String field, int max, List<String> problems) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      problems.add(field + " must be a String");
      return null;
    }
    if (text.length() > max) {
      problems.add(field + " is longer than " + max + " characters");
      return null;
    }
    return text.isBlank() ? null : text.strip();
  }
}
