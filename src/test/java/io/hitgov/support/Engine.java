package io.hitgov.support;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * Drives the engine in process tests as real users do: every call runs authenticated as a user
 * with their groups, so authorizations and four-eyes rules apply exactly as through the REST API.
 */
public final class Engine {

  private final ProcessEngine engine;

  public Engine(ProcessEngine engine) {
    this.engine = engine;
  }

  /** Runs {@code action} as {@code userId} with the groups the identity service knows for them. */
  public <T> T as(String userId, Supplier<T> action) {
    IdentityService identity = engine.getIdentityService();
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(g -> g.getId()).toList();
    identity.setAuthentication(userId, groups);
    try {
      return action.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  public void as(String userId, Runnable action) {
    as(userId, () -> {
      action.run();
      return null;
    });
  }

  /** Completes a task as the given user, with variables, through the TaskService. */
  public void complete(String userId, Task task, Map<String, Object> variables) {
    as(userId, () -> engine.getTaskService().complete(task.getId(), variables));
  }

  public List<Task> tasks(String processInstanceId, String taskDefinitionKey) {
    TaskService tasks = engine.getTaskService();
    return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskDefinitionKey)
        .orderByTaskId().asc().list();
  }

  public Task task(String processInstanceId, String taskDefinitionKey) {
    List<Task> found = tasks(processInstanceId, taskDefinitionKey);
    if (found.size() != 1) {
      throw new AssertionError("Expected one " + taskDefinitionKey + " task, found " + found.size());
    }
    return found.get(0);
  }

  /** Executes every due job (async continuations, due timers) until none is left. */
  public int executeDueJobs(String processInstanceId) {
    ManagementService management = engine.getManagementService();
    int executed = 0;
    for (int round = 0; round < 1000; round++) {
      List<Job> jobs = management.createJobQuery().processInstanceId(processInstanceId).executable().list();
      if (jobs.isEmpty()) {
        return executed;
      }
      for (Job job : jobs) {
        management.executeJob(job.getId());
        executed++;
      }
    }
    throw new AssertionError("Jobs keep coming for " + processInstanceId);
  }
}
