package io.hitgov.shared.process;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricVariableInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * With history FULL, Camunda updates a variable's history row ({@code ACT_HI_VARINST}) by reading it
 * first, one {@code SELECT ... WHERE ID_ = ?} per updated variable: completing a form that updates
 * thirteen variables costs thirteen round trips. This plugin gives the engine Camunda's own database
 * history handler with one change: before the first such read of a command, it reads the history
 * rows of the whole process instance in one query into the command's entity cache, where the
 * handler then finds them, keeping only the rows whose runtime variable the command has already read
 * (itself or through {@link RuntimeVariablePrefetch}), so a history row is never older than the runtime
 * row it follows. What is written is unchanged
 * (the same rows and UPDATEs); only the reads are fewer. Custom history handlers configured
 * elsewhere run first, as with Camunda's own composite handler. {@code hitgov.engine.history-prefetch=false} turns it off (the benchmark's untuned
 * target measures the difference).
 */
@Component
@ConditionalOnProperty(name = "hitgov.engine.history-prefetch", havingValue = "true", matchIfMissing = true)
public class HistoricVariablePrefetch extends AbstractProcessEnginePlugin {

  private boolean installed;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getHistoryEventHandler() != null || !configuration.isEnableDefaultDbHistoryEventHandler()) {
      return; // someone else chose the handler: leave it
    }
    // the order Camunda's CompositeDbHistoryEventHandler has: custom handlers first, the database's last
    List<HistoryEventHandler> handlers = new ArrayList<>();
    if (configuration.getCustomHistoryEventHandlers() != null) {
      handlers.addAll(configuration.getCustomHistoryEventHandlers());
    }
    handlers.add(new PrefetchingDbHistoryEventHandler());
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    configuration.setCustomHistoryEventHandlers(handlers);
    installed = true;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (installed && (configuration.getCustomHistoryEventHandlers() == null
        || configuration.getCustomHistoryEventHandlers().stream().noneMatch(DbHistoryEventHandler.class::isInstance))) {
      throw new IllegalStateException("The history event handlers were replaced after HITGov's prefetch was installed:"
          + " no handler writes history to the database");
    }
  }

  /** Camunda's database history handler, reading a process instance's variable history once per command. */
  static final class PrefetchingDbHistoryEventHandler extends DbHistoryEventHandler {

    private static final String BY_PROCESS_INSTANCE = "selectHistoricVariablesByProcessInstanceId";
    /** The instances already read in the thread's current command (weakly: the command is not kept alive). */
    private static final ThreadLocal<Prefetched> PREFETCHED = new ThreadLocal<>();

    private record Prefetched(WeakReference<CommandContext> command, Set<String> instances) {}

    @Override
    protected void insertHistoricVariableUpdateEntity(HistoricVariableUpdateEventEntity event) {
      if (event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE) && event.getProcessInstanceId() != null
          && getDbEntityManager().getCachedEntity(HistoricVariableInstanceEntity.class,
              event.getVariableInstanceId()) == null
          && firstInThisCommand(event.getProcessInstanceId())) {
        prefetch(event.getProcessInstanceId());
      }
      super.insertHistoricVariableUpdateEntity(event);
    }

    /**
     * Reads the instance's history rows into the command's entity cache, keeping only those whose
     * runtime variable this command has already read: a runtime row read later could be newer than
     * its history row read now, and Camunda ignores a failed history update (the newer value would
     * be lost). Rows not kept are read by id when updated, as Camunda does.
     */
    private void prefetch(String processInstanceId) {
      DbEntityManager entities = getDbEntityManager();
      DbEntityCache cache = entities.getDbEntityCache();
      Set<String> cachedBefore = new HashSet<>();
      cache.getEntitiesByType(HistoricVariableInstanceEntity.class).forEach(row -> cachedBefore.add(row.getId()));
      List<HistoricVariableInstanceEntity> rows = entities.selectList(BY_PROCESS_INSTANCE,
          new ListQueryParameterObject(processInstanceId, 0, Integer.MAX_VALUE));
      for (HistoricVariableInstanceEntity row : rows) {
        if (!cachedBefore.contains(row.getId()) && cache.get(VariableInstanceEntity.class, row.getId()) == null) {
          cache.remove(row);
        }
      }
    }

    private static boolean firstInThisCommand(String processInstanceId) {
      CommandContext command = Context.getCommandContext();
      Prefetched prefetched = PREFETCHED.get();
      if (prefetched == null || prefetched.command().get() != command) {
        prefetched = new Prefetched(new WeakReference<>(command), new HashSet<>());
        PREFETCHED.set(prefetched);
      }
      return prefetched.instances().add(processInstanceId);
    }
  }
}
