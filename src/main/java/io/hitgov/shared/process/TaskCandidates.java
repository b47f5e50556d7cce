package io.hitgov.shared.process;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;

/**
 * The groups an open task is offered to, for what HITGov reads on its own behalf inside one engine
 * command ({@link CurrentUser#withoutEngineChecks}), such as a status report's open decisions: one
 * read of the task's identity links. {@code TaskService.getIdentityLinksForTask} costs a second round
 * trip per task, because its read check loads the task's execution even in a command that runs
 * without authorization checks.
 */
public final class TaskCandidates {

  private TaskCandidates() {}

  /**
   * The task's groups, sorted; {@code task} comes from a task query run inside the current command
   * (the command's own entity, whose links the engine reads once and keeps).
   */
  public static List<String> groups(Task task) {
    if (!(task instanceof TaskEntity entity) || Context.getCommandContext() == null) {
      throw new IllegalStateException("Task " + task.getId()
          + ": candidate groups are read inside the engine command whose query loaded the task");
    }
    return entity.getIdentityLinks().stream().map(IdentityLinkEntity::getGroupId).filter(Objects::nonNull).distinct()
        .sorted().toList();
  }
}
