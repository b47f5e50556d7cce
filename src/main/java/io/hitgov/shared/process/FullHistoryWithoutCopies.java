package io.hitgov.shared.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * History FULL without copies: every history event Camunda's FULL level writes, except those that
 * copy what is kept elsewhere.
 *
 * <ul>
 *   <li>The forms' display values (docs/conventions.md#readable-forms): task-local variables named
 *       {@code ...Text} or {@code ...Name} (and {@code riskTitle}, named before the convention), copies
 *       of process variables formatted for a person, set when a task is created and deleted when it
 *       completes. With FULL each cost two history rows besides its runtime row. The process variables
 *       they are computed from stay in history; Tasklist reads the runtime rows, which are unchanged.
 *       docs/adr/0007-display-values-out-of-history.md. {@code hitgov.engine.display-values-in-history=true}
 *       keeps them.</li>
 *   <li>The instances of the technical processes listed in {@code hitgov.engine.processes-out-of-history}
 *       (the e-mail delivery): their execution, activities, variables, jobs and incidents. What they did
 *       is HITGov's own record (each mail's row: queued, sent, attempts, the server's last answer), and
 *       an open incident is runtime data, shown in Cockpit as before; a person's operation on them stays in
 *       the operation log. Such a process may hold only automated and structural elements
 *       (the model policy). docs/adr/0008-delivery-out-of-history.md.</li>
 * </ul>
 *
 * <p>The level keeps FULL's id (3) and name ({@code full}): a database set up with FULL needs no
 * change. {@code camunda.bpm.history-level: full} selects it (Camunda chooses the last registered level
 * of a name, and custom levels come after the built-in ones); for {@code auto} the built-in FULL is
 * taken off the registered levels, so a database at FULL selects this one. A start that still
 * ends up on the built-in FULL is refused.
 */
@Component
public class FullHistoryWithoutCopies extends AbstractProcessEnginePlugin {

  /** Display values named before the {@code Text}/{@code Name} convention (public names, docs/contract.md). */
  static final Set<String> NAMED_BEFORE_THE_CONVENTION = Set.of("riskTitle");

  private final FullWithoutCopies level;

  public FullHistoryWithoutCopies(HistoryProperties properties) {
    this.level = new FullWithoutCopies(!properties.displayValuesInHistory(), Set.copyOf(properties.processesOutOfHistory()));
  }

  /** Whether a task-local variable of this name is a form's display value (never kept in history). */
  public static boolean isDisplayValue(String name) {
    return name != null && (name.endsWith("Text") || name.endsWith("Name") || NAMED_BEFORE_THE_CONVENTION.contains(name));
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryLevel> levels = new ArrayList<>();
    if (configuration.getCustomHistoryLevels() != null) {
      levels.addAll(configuration.getCustomHistoryLevels());
    }
    levels.add(level);
    configuration.setCustomHistoryLevels(levels);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // history "auto" takes the first registered level with the database's id: leave it only this one
    configuration.getHistoryLevels().removeIf(registered -> registered.getId() == HistoryLevel.HISTORY_LEVEL_FULL.getId()
        && !(registered instanceof FullWithoutCopies));
    if (!level.processesOut.isEmpty() && configuration.getHistoryEventHandler() != null) {
      configuration.setHistoryEventHandler(new WithoutProcessesOut(configuration.getHistoryEventHandler(), level));
    }
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    HistoryLevel resolved = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getHistoryLevel();
    if (resolved != null && resolved.getId() == HistoryLevel.HISTORY_LEVEL_FULL.getId()
        && !(resolved instanceof FullWithoutCopies)) {
      throw new IllegalStateException("History level full resolved to " + resolved
          + ": copies (the forms' display values, the e-mail delivery) would be written to history (docs/adr/0007, 0008)");
    }
    HistoryEventHandler handler = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getHistoryEventHandler();
    if (!level.processesOut.isEmpty() && !(handler instanceof WithoutProcessesOut)) {
      throw new IllegalStateException("The history event handler was replaced after HITGov's (" + handler
          + "): events of " + level.processesOut + " could reach history (docs/adr/0008)");
    }
  }

  /**
   * The safety net behind the level: drops any event of a process kept out that was produced for an
   * object the level does not recognise (a migrating activity instance or variable) or without one.
   * A person's operation (an operator retrying a delivery job in Cockpit) stays in the operation log.
   */
  static final class WithoutProcessesOut implements HistoryEventHandler {
    private final HistoryEventHandler delegate;
    private final FullWithoutCopies level;

    WithoutProcessesOut(HistoryEventHandler delegate, FullWithoutCopies level) {
      this.delegate = delegate;
      this.level = level;
    }

    private boolean kept(HistoryEvent event) {
      if (event instanceof UserOperationLogEntryEventEntity) {
        return true;
      }
      String key = event.getProcessDefinitionKey();
      return key != null ? !level.processesOut.contains(key) : !level.isOut(event.getProcessDefinitionId());
    }

    @Override
    public void handleEvent(HistoryEvent event) {
      if (kept(event)) {
        delegate.handleEvent(event);
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      List<HistoryEvent> kept = events.stream().filter(this::kept).toList();
      if (!kept.isEmpty()) {
        delegate.handleEvents(kept);
      }
    }
  }

  /** Camunda's FULL, without the history events of display values and of the processes kept out. */
  static final class FullWithoutCopies extends AbstractHistoryLevel {
    private final boolean displayValuesOut;
    private final Set<String> processesOut;
    /**
     * Per process definition id (a deployed definition never changes its key): whether it is kept out.
     * One entry per definition ever run on this node, as the engine's own deployment cache holds.
     */
    private final Map<String, Boolean> outByDefinition = new ConcurrentHashMap<>();

    FullWithoutCopies(boolean displayValuesOut, Set<String> processesOut) {
      this.displayValuesOut = displayValuesOut;
      this.processesOut = processesOut;
    }

    @Override
    public int getId() {
      return HistoryLevel.HISTORY_LEVEL_FULL.getId();
    }

    @Override
    public String getName() {
      return HistoryLevel.HISTORY_LEVEL_FULL.getName();
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      if (displayValuesOut && entity instanceof VariableInstanceEntity variable && variable.getTaskId() != null
          && isDisplayValue(variable.getName())) {
        return false;
      }
      return processesOut.isEmpty() || !isOut(processDefinitionId(entity));
    }

    private static String processDefinitionId(Object entity) {
      if (entity instanceof ExecutionEntity execution) {
        return execution.getProcessDefinitionId();
      } else if (entity instanceof VariableInstanceEntity variable) {
        return variable.getProcessDefinitionId();
      } else if (entity instanceof JobEntity job) {
        return job.getProcessDefinitionId();
      } else if (entity instanceof IncidentEntity incident) {
        return incident.getProcessDefinitionId();
      }
      return null;
    }

    boolean isOut(String processDefinitionId) {
      if (processDefinitionId == null) {
        return false;
      }
      Boolean out = outByDefinition.get(processDefinitionId);
      if (out == null) {
        String key = keyOf(processDefinitionId);
        if (key == null) {
          return false; // no such definition (deleted): history as FULL, asked again next time
        }
        out = processesOut.contains(key);
        outByDefinition.put(processDefinitionId, out);
      }
      return out;
    }

    /** The definition's key, from the deployment cache (loaded on this node if it is not there yet). */
    private static String keyOf(String processDefinitionId) {
      if (Context.getProcessEngineConfiguration() == null) {
        return null;
      }
      try {
        ProcessDefinition definition = Context.getProcessEngineConfiguration().getDeploymentCache()
            .findDeployedProcessDefinitionById(processDefinitionId);
        return definition == null ? null : definition.getKey();
      } catch (ProcessEngineException unknown) {
        return null;
      }
    }
  }
}
