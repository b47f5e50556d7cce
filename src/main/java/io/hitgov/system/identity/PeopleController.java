package io.hitgov.system.identity;

import static io.hitgov.shared.web.ApiAccess.requireAnyGroup;

import io.hitgov.shared.GovernanceGroup;
import io.hitgov.shared.web.ApiAccess;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/people?group=<groupId>}: the members of a governance group by name, for the
 * pickers of the start forms (Tasklist fills a select marked with the custom property
 * {@code peopleOfGroup} from here: a sponsor or project manager is chosen by name, not typed as an
 * id). Names and ids only, for every governance user; the ids stay what the processes store.
 */
@RestController
class PeopleController {

  static final int MAX_PEOPLE = 500;

  private final IdentityService identityService;

  PeopleController(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** One person: the user id (the value a form submits) and "First Last (id)" (what it shows). */
  record Person(String value, String label) {}

  @GetMapping("/api/people")
  List<Person> people(@RequestParam(required = false) String group, Authentication user) {
    requireAnyGroup(user, ApiAccess.GOVERNANCE_READERS, "list the people of a group");
    if (group == null || group.isBlank()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "group is required: one of the governance group ids");
    }
    if (!GovernanceGroup.isKnown(group)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "group '" + clip(group)
          + "' is not a governance group id");
    }
    return identityService.createUserQuery().memberOfGroup(group).orderByUserLastName().asc()
        .listPage(0, MAX_PEOPLE).stream().map(PeopleController::person).toList();
  }

  private static Person person(User u) {
    String name = ((u.getFirstName() == null ? "" : u.getFirstName()) + " "
        + (u.getLastName() == null ? "" : u.getLastName())).strip();
    return new Person(u.getId(), name.isEmpty() ? u.getId() : name + " (" + u.getId() + ")");
  }

  private static String clip(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "…" : text;
  }
}
