package io.hitgov.shared.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * History FULL without the forms' display values (docs/conventions.md#readable-forms): every history
 * event Camunda's FULL level writes, except those of a task-local variable named {@code ...Text} or
 * {@code ...Name} (and {@code riskTitle}, named before the convention). Those are copies of process
 * variables formatted for a person, set when a task is created and deleted when it completes; with
 * FULL each cost two history rows ({@code ACT_HI_VARINST}, {@code ACT_HI_DETAIL}) besides its
 * runtime row, a fifth to a quarter of what raising a risk or assessing a change sends. The
 * process variables they are computed from stay in history; Tasklist reads the runtime rows, which
 * are unchanged. docs/adr/0007-display-values-out-of-history.md.
 *
 * <p>The level keeps FULL's id (3) and name ({@code full}): a database set up with FULL needs no
 * change. {@code camunda.bpm.history-level: full} selects it (Camunda chooses the last registered level
 * of a name, and custom levels come after the built-in ones); for {@code auto} the built-in FULL is
 * taken off the registered levels, so a database at FULL selects this one. A start that still
 * ends up on the built-in FULL is refused. {@code hitgov.engine.display-values-in-history=true} keeps them (the
 * benchmark's untuned target).
 */
@Component
@ConditionalOnProperty(name = "hitgov.engine.display-values-in-history", havingValue = "false", matchIfMissing = true)
public class DisplayValuesOutOfHistory extends AbstractProcessEnginePlugin {

  /** Display values named before the {@code Text}/{@code Name} convention (public names, docs/contract.md). */
  static final Set<String> NAMED_BEFORE_THE_CONVENTION = Set.of("riskTitle");

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
    levels.add(new FullWithoutDisplayValues());
    configuration.setCustomHistoryLevels(levels);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    // history "auto" takes the first registered level with the database's id: leave it only this one
    configuration.getHistoryLevels().removeIf(level -> level.getId() == HistoryLevel.HISTORY_LEVEL_FULL.getId()
        && !(level instanceof FullWithoutDisplayValues));
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    HistoryLevel level = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getHistoryLevel();
    if (level != null && level.getId() == HistoryLevel.HISTORY_LEVEL_FULL.getId()
        && !(level instanceof FullWithoutDisplayValues)) {
      throw new IllegalStateException("History level full resolved to " + level
          + ": the forms' display values would be written to history (docs/adr/0007)");
    }
  }

  /** Camunda's FULL, without the history events of display values. */
  static final class FullWithoutDisplayValues extends AbstractHistoryLevel {

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
      return !(entity instanceof VariableInstanceEntity variable && variable.getTaskId() != null
          && isDisplayValue(variable.getName()));
    }
  }
}
