package io.hitgov.bench.baseline;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a careful team adds to the starter: the REST API behind HTTP Basic (Camunda's own
 * ProcessEngineAuthenticationFilter), the same users and groups as HITGov's demo (password demo), and
 * group authorizations to start the governance processes, evaluate their decisions and work their tasks.
 */
@Configuration
class BaselineSecurity {

  static final Map<String, String> USERS = Map.of("carla", "cmio", "conrad", "cmio", "irene", "integration",
      "maria", "projectManagers", "mike", "projectManagers", "paula", "pmo", "peter", "pmo",
      "stella", "steeringCommittee", "pat", "patientSafety");

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> restBasicAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> filter =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    filter.addUrlPatterns("/engine-rest/*");
    filter.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    return filter;
  }

  @Bean
  ApplicationRunner usersAndAuthorizations(ProcessEngine engine) {
    return args -> createUsersAndAuthorizations(engine);
  }

  static void createUsersAndAuthorizations(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    AuthorizationService authorizations = engine.getAuthorizationService();
    if (identity.createUserQuery().userId("maria").count() > 0) {
      return;
    }
    for (String group : USERS.values().stream().distinct().toList()) {
      identity.saveGroup(identity.newGroup(group));
      grant(authorizations, group, Resources.PROCESS_DEFINITION, Permissions.READ, Permissions.CREATE_INSTANCE,
          Permissions.READ_INSTANCE, Permissions.READ_TASK, Permissions.UPDATE_TASK);
      grant(authorizations, group, Resources.PROCESS_INSTANCE, Permissions.CREATE);
      grant(authorizations, group, Resources.DECISION_DEFINITION, Permissions.READ, Permissions.CREATE_INSTANCE);
    }
    USERS.forEach((userId, group) -> {
      User user = identity.newUser(userId);
      user.setPassword("demo");
      identity.saveUser(user);
      identity.createMembership(userId, group);
    });
  }

  static void grant(AuthorizationService service, String group, Resource resource, Permission... permissions) {
    Authorization grant = service.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(group);
    grant.setResource(resource);
    grant.setResourceId("*");
    for (Permission permission : List.of(permissions)) {
      grant.addPermission(permission);
    }
    service.saveAuthorization(grant);
  }
}
