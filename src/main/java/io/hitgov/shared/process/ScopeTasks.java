package io.hitgov.shared.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;

/**
 * The open tasks of one instance of a scope, such as one approver group's instance of a
 * multi-instance approval sub-process, for the handler of an event inside it (an overdue approval's
 * escalation). The scope instance is the one that holds a named variable (the multi-instance element
 * variable); a task belongs to it when its execution runs inside that instance. The executions are
 * those the engine already loaded for the command (it reads a process instance's whole execution
 * tree at once), so telling the tasks apart costs no round trip, where reading each task's variables
 * cost one or two per task.
 */
public final class ScopeTasks {

  private ScopeTasks() {}

  /**
   * The open tasks of {@code taskDefinitionKey} inside the scope instance that holds
   * {@code scopeVariable} for {@code execution} (itself or its nearest ancestor with the variable set
   * locally); none when no scope holds it.
   */
  public static List<Task> of(DelegateExecution execution, String scopeVariable, String taskDefinitionKey) {
    ExecutionEntity scope = (ExecutionEntity) execution;
    while (scope != null && !scope.hasVariableLocal(scopeVariable)) {
      scope = scope.getParent();
    }
    if (scope == null) {
      return List.of();
    }
    String scopeId = scope.getId();
    return execution.getProcessEngineServices().getTaskService().createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(taskDefinitionKey).list().stream()
        .filter(task -> inside(((TaskEntity) task).getExecution(), scopeId)).toList();
  }

  private static boolean inside(ExecutionEntity execution, String scopeId) {
    for (ExecutionEntity e = execution; e != null; e = e.getParent()) {
      if (e.getId().equals(scopeId)) {
        return true;
      }
    }
    return false;
  }
}
