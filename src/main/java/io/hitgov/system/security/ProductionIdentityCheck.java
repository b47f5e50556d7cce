package io.hitgov.system.security;

import io.hitgov.system.identity.DemoUsers;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * In {@code prod}, refuses to start on a database that still holds the demo users (seeded by an
 * earlier start without {@code prod}): they have a published password.
 */
@Component
@Profile(ProductionGuard.PROD_PROFILE)
class ProductionIdentityCheck implements InitializingBean {

  private final IdentityService identityService;

  ProductionIdentityCheck(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void afterPropertiesSet() {
    List<String> demo = DemoUsers.USERS.stream().map(DemoUsers.DemoUser::id)
        .filter(id -> identityService.createUserQuery().userId(id).count() > 0).toList();
    if (!demo.isEmpty()) {
      throw new IllegalStateException("Refusing to start the 'prod' profile: the database holds demo users with the"
          + " published demo password " + demo + ". Delete them in Camunda Admin (or through /engine-rest/user) first.");
    }
  }
}
