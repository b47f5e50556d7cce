package io.hitgov.shared.process;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceManager;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A process instance's runtime variables read in one query per command. Camunda reads them lazily, one
 * {@code SELECT ... FROM ACT_RU_VARIABLE} per execution or task whose variables a command touches: a
 * timer on a task inside a sub-process resolves a name through three or four scopes, a completed
 * approval through six. This plugin gives the engine Camunda's own variable manager with two changes:
 * <ul>
 *   <li>the first read of an execution's or a task's variables reads those of its whole process
 *       instance ({@code selectVariablesByProcessInstanceId}, Camunda's own statement) into the
 *       command's entity cache, and every later read in the command takes its scope's share;</li>
 *   <li>a task or execution created in this command has no stored variables yet, so reading them asks
 *       the database nothing (Camunda already knows this for new executions, not for new tasks).</li>
 * </ul>
 * The answers are the same. A command writes nothing to the database before its end, and a scope's
 * variables can be changed, moved or removed only after they were read, so the rows read at the
 * first read are the rows the later reads would have found (another transaction committing in between
 * is the same race Camunda's lazy reads have). A task without a process instance (not created in the
 * command) is read as before. The first read of any scope reads every variable of the instance, the
 * task-local ones of its open tasks included: one query with more rows instead of several.
 * {@code hitgov.engine.runtime-prefetch=false} turns it off (the benchmark's untuned target measures the
 * difference).
 */
@Component
@ConditionalOnProperty(name = "hitgov.engine.runtime-prefetch", havingValue = "true", matchIfMissing = true)
public class RuntimeVariablePrefetch extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineManagers.replace(configuration, VariableInstanceManager.class, Manager::new);
  }

  /** Camunda's variable manager, remembering per command the variables of each instance it read. */
  static final class Manager extends VariableInstanceManager {

    /** Process instance id → scope id (execution or task) → the scope's variables as first read. */
    private final Map<String, Map<String, List<VariableInstanceEntity>>> read = new HashMap<>();

    @Override
    public void flush() {
      read.clear(); // the command writes its changes now: nothing read before is an answer after
      super.flush();
    }

    @Override
    public List<VariableInstanceEntity> findVariableInstancesByExecutionIdAndVariableNames(String executionId,
        Collection<String> variableNames) {
      ExecutionEntity execution = getDbEntityManager().getDbEntityCache().get(ExecutionEntity.class, executionId);
      return read(execution, execution == null ? null : execution.getProcessInstanceId(), executionId, variableNames,
          () -> super.findVariableInstancesByExecutionIdAndVariableNames(executionId, variableNames));
    }

    @Override
    public List<VariableInstanceEntity> findVariableInstancesByTaskIdAndVariableNames(String taskId,
        Collection<String> variableNames) {
      TaskEntity task = getDbEntityManager().getDbEntityCache().get(TaskEntity.class, taskId);
      return read(task, task == null ? null : task.getProcessInstanceId(), taskId, variableNames,
          () -> super.findVariableInstancesByTaskIdAndVariableNames(taskId, variableNames));
    }

    /** The variables of one scope (execution or task, {@code null} when not in the command's cache). */
    private List<VariableInstanceEntity> read(DbEntity scope, String processInstanceId, String scopeId,
        Collection<String> variableNames, Supplier<List<VariableInstanceEntity>> camundas) {
      if (scope != null && getDbEntityManager().getDbEntityCache().isTransient(scope)) {
        return new ArrayList<>(); // created in this command: nothing stored under its id
      }
      if (scope == null || processInstanceId == null) {
        return camundas.get(); // not known to this command, or a task of no process: read as Camunda does
      }
      return scope(processInstanceId, scopeId, variableNames);
    }

    private List<VariableInstanceEntity> scope(String processInstanceId, String scopeId,
        Collection<String> variableNames) {
      Map<String, List<VariableInstanceEntity>> scopes = read.computeIfAbsent(processInstanceId, id -> {
        Map<String, List<VariableInstanceEntity>> byScope = new HashMap<>();
        for (VariableInstanceEntity variable : findVariableInstancesByProcessInstanceId(id)) {
          byScope.computeIfAbsent(variable.getVariableScopeId(), s -> new ArrayList<>()).add(variable);
        }
        return byScope;
      });
      List<VariableInstanceEntity> variables = new ArrayList<>();
      for (VariableInstanceEntity variable : scopes.getOrDefault(scopeId, List.of())) {
        if (variableNames == null || variableNames.isEmpty() || variableNames.contains(variable.getName())) {
          variables.add(variable);
        }
      }
      return variables;
    }
  }
}
