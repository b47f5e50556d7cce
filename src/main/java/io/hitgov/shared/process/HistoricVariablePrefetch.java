package io.hitgov.shared.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricVariableInstanceEntity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * With history FULL, Camunda updates a variable's history row ({@code ACT_HI_VARINST}) by reading it
 * first, one {@code SELECT ... WHERE ID_ = ?} per updated variable: completing a form that updates
 * thirteen variables costs thirteen round trips. This plugin gives the engine Camunda's own database
 * history handler with one change: before the first such read of a command, it reads the history
 * rows of the whole process instance in one query into the command's entity cache, where the
 * handler then finds them. What is written is unchanged (the same rows, the same UPDATEs, the same
 * optimistic locking); only the reads are fewer. Custom history handlers configured elsewhere still
 * run after it. {@code hitgov.engine.history-prefetch=false} turns it off (the benchmark's untuned
 * target measures the difference).
 */
@Component
@ConditionalOnProperty(name = "hitgov.engine.history-prefetch", havingValue = "true", matchIfMissing = true)
public class HistoricVariablePrefetch extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getHistoryEventHandler() != null || !configuration.isEnableDefaultDbHistoryEventHandler()) {
      return; // someone else chose the handler: leave it
    }
    List<HistoryEventHandler> handlers = new ArrayList<>();
    handlers.add(new PrefetchingDbHistoryEventHandler());
    if (configuration.getCustomHistoryEventHandlers() != null) {
      handlers.addAll(configuration.getCustomHistoryEventHandlers());
    }
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  /** Camunda's database history handler, reading a process instance's variable history once per command. */
  static final class PrefetchingDbHistoryEventHandler extends DbHistoryEventHandler {

    private static final String BY_PROCESS_INSTANCE = "selectHistoricVariablesByProcessInstanceId";

    @Override
    protected void insertHistoricVariableUpdateEntity(HistoricVariableUpdateEventEntity event) {
      if (event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE) && event.getProcessInstanceId() != null) {
        DbEntityManager entities = getDbEntityManager();
        if (entities.getCachedEntity(HistoricVariableInstanceEntity.class, event.getVariableInstanceId()) == null) {
          // every row of the instance lands in the command's entity cache; the handler's read by id then finds it
          entities.selectList(BY_PROCESS_INSTANCE,
              new ListQueryParameterObject(event.getProcessInstanceId(), 0, Integer.MAX_VALUE));
        }
      }
      super.insertHistoricVariableUpdateEntity(event);
    }
  }
}
