package io.hitgov.shared.process;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Authorization checks with the caller's groups as they are. Camunda narrows them, once in every
 * command that checks an authorization, to the groups that hold some authorization, read with
 * {@code SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION}: one round trip per command, and a
 * read of the whole table, which grows with every open task's authorizations. The narrowing cannot
 * change an answer: every check matches {@code ACT_RU_AUTHORIZATION} rows by group id, and a group
 * that holds no authorization matches none (grants and revokes alike). A person belongs to a few
 * HITGov groups, so the checks' group lists stay short; with an identity directory whose people
 * belong to hundreds of groups, {@code hitgov.engine.auth-groups-unfiltered=false} gives Camunda's
 * behaviour back (the benchmark's untuned target runs so).
 */
@Component
@ConditionalOnProperty(name = "hitgov.engine.auth-groups-unfiltered", havingValue = "true", matchIfMissing = true)
public class UnfilteredAuthorizationGroups extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineManagers.replace(configuration, AuthorizationManager.class, Manager::new);
  }

  /** Camunda's authorization manager without the narrowing query. */
  static final class Manager extends AuthorizationManager {
    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
        return new ArrayList<>();
      }
      return new ArrayList<>(new LinkedHashSet<>(authenticatedGroupIds.stream().filter(Objects::nonNull).toList()));
    }
  }
}
