package io.hitgov.system.identity;

import static io.hitgov.shared.GovernanceGroup.*;

import io.hitgov.shared.GovernanceGroup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds two demo users in every approver group (so four-eyes rules can be tried), all with the
 * demo password. Only when {@code hitgov.security.demo-users=true} (the default profile); the
 * {@code prod} profile refuses that setting. The README lists these users: keep the two in step.
 */
@Component
@DependsOn("identitySetup")
@ConditionalOnProperty(name = "hitgov.security.demo-users", havingValue = "true")
public class DemoUsers implements InitializingBean {

  /** A demo user: id, first and last name, group. */
  public record DemoUser(String id, String firstName, String lastName, GovernanceGroup group) {}

  public static final List<DemoUser> USERS = List.of(
      new DemoUser("evelyn", "Evelyn", "Sponsor", EXECUTIVE_SPONSOR),
      new DemoUser("edward", "Edward", "Sponsor", EXECUTIVE_SPONSOR),
      new DemoUser("stella", "Stella", "Steering", STEERING_COMMITTEE),
      new DemoUser("steve", "Steve", "Steering", STEERING_COMMITTEE),
      new DemoUser("paula", "Paula", "Pmo", PMO),
      new DemoUser("peter", "Peter", "Pmo", PMO),
      new DemoUser("maria", "Maria", "Manager", PROJECT_MANAGERS),
      new DemoUser("mike", "Mike", "Manager", PROJECT_MANAGERS),
      new DemoUser("carla", "Carla", "Informatics", CMIO),
      new DemoUser("conrad", "Conrad", "Informatics", CMIO),
      new DemoUser("pat", "Pat", "Safety", PATIENT_SAFETY),
      new DemoUser("priya", "Priya", "Safety", PATIENT_SAFETY),
      new DemoUser("sophia", "Sophia", "Security", SECURITY_OFFICER),
      new DemoUser("simon", "Simon", "Security", SECURITY_OFFICER),
      new DemoUser("olivia", "Olivia", "Privacy", PRIVACY_OFFICER),
      new DemoUser("oscar", "Oscar", "Privacy", PRIVACY_OFFICER),
      new DemoUser("cathy", "Cathy", "Board", CHANGE_ADVISORY_BOARD),
      new DemoUser("colin", "Colin", "Board", CHANGE_ADVISORY_BOARD),
      new DemoUser("fiona", "Fiona", "Finance", FINANCE),
      new DemoUser("frank", "Frank", "Finance", FINANCE),
      new DemoUser("irene", "Irene", "Interfaces", INTEGRATION),
      new DemoUser("ivan", "Ivan", "Interfaces", INTEGRATION),
      new DemoUser("tina", "Tina", "Training", TRAINING),
      new DemoUser("tom", "Tom", "Training", TRAINING),
      new DemoUser("felix", "Felix", "Facilities", FACILITIES),
      new DemoUser("farah", "Farah", "Facilities", FACILITIES));

  private static final Logger LOG = LoggerFactory.getLogger(DemoUsers.class);

  private final IdentityService identityService;
  private final SecurityProperties properties;
  private final TransactionTemplate transaction;

  public DemoUsers(IdentityService identityService, SecurityProperties properties,
      PlatformTransactionManager transactionManager) {
    this.identityService = identityService;
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  @Override
  public void afterPropertiesSet() {
    // one transaction and a query per group, not a commit and two queries per user
    int created = transaction.execute(status -> createMissing());
    LOG.warn("{} demo users present ({} created now) with the README's demo password: not for production",
        USERS.size(), created);
  }

  private int createMissing() {
    Set<String> existing = identityService.createUserQuery().userIdIn(USERS.stream().map(DemoUser::id)
        .toArray(String[]::new)).list().stream().map(User::getId).collect(Collectors.toSet());
    Map<String, Set<String>> members = new HashMap<>();
    int created = 0;
    for (DemoUser demo : USERS) {
      if (!existing.contains(demo.id())) {
        User user = identityService.newUser(demo.id());
        user.setFirstName(demo.firstName());
        user.setLastName(demo.lastName());
        user.setEmail(demo.id() + "@demo.hitgov.invalid");
        user.setPassword(properties.demoPassword());
        identityService.saveUser(user);
        created++;
      }
      if (!members.computeIfAbsent(demo.group().id(), group -> identityService.createUserQuery().memberOfGroup(group)
          .list().stream().map(User::getId).collect(Collectors.toSet())).contains(demo.id())) {
        identityService.createMembership(demo.id(), demo.group().id());
      }
    }
    return created;
  }
}
