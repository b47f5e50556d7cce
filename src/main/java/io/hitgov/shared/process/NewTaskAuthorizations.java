package io.hitgov.shared.process;

import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Camunda's default authorizations for tasks, without looking for a grant a new task cannot have yet.
 * When a task gets a candidate group, a candidate user, an assignee or an owner, Camunda grants them
 * the task and, to add to an existing grant rather than write a second one, first reads it:
 * {@code SELECT * FROM ACT_RU_AUTHORIZATION WHERE TYPE_ = ? AND GROUP_ID_ = ? AND RESOURCE_TYPE_ = ?
 * AND RESOURCE_ID_ = ?}. For a process's task created in the same command that read cannot find
 * anything: the engine generated the task's id just now (nothing in the database names it) and grants
 * written earlier in the command are still in the command's cache, where Camunda merges them anyway.
 * So for such a task the grant is made without the read, one round trip less per candidate group or
 * person of every new user task. A standalone task may have an id its creator chose, which an earlier
 * grant could name, and tasks that already existed keep the read, exactly as before.
 * {@code hitgov.engine.new-task-grants-unread=false}
 * turns it off (the benchmark's untuned target measures the difference).
 */
@Component
@ConditionalOnProperty(name = "hitgov.engine.new-task-grants-unread", havingValue = "true", matchIfMissing = true)
public class NewTaskAuthorizations extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getResourceAuthorizationProvider() == null) { // someone else chose the provider: leave it
      configuration.setResourceAuthorizationProvider(new Provider());
    }
  }

  /** Camunda's default provider; for a task created in this command there is no stored grant to read. */
  static final class Provider extends DefaultAuthorizationProvider {
    @Override
    protected AuthorizationEntity getGrantAuthorization(String taskId, String userId, String groupId,
        Resource resource) {
      DbEntityCache cache = Context.getCommandContext().getDbEntityManager().getDbEntityCache();
      TaskEntity task = cache.get(TaskEntity.class, taskId);
      if (task != null && task.getExecutionId() != null && cache.isTransient(task)) {
        return null; // Camunda then merges any grant of this command from its cache (createAuthorization)
      }
      return super.getGrantAuthorization(taskId, userId, groupId, resource);
    }
  }
}
