package io.hitgov.notification;

import io.hitgov.notification.NotificationService.Kind;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.ModelCallable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The daily digest ({@code ${sendDigestsDelegate}} in {@code NotificationDigestProcess}): one
 * e-mail per person with the open tasks assigned to them or offered to their groups, the ones new in
 * the last day marked. Nobody with no open task gets one; a user who opted out
 * ({@code PUT /api/me/notification-settings {"digest": false}}) gets none.
 */
@Component
class DailyDigest {

  private static final Logger LOG = LoggerFactory.getLogger(DailyDigest.class);

  private final NotificationService notifications;
  private final IdentityService identityService;
  private final TaskService taskService;
  private final RuntimeService runtimeService;

  DailyDigest(NotificationService notifications, IdentityService identityService, TaskService taskService,
      RuntimeService runtimeService) {
    this.notifications = notifications;
    this.identityService = identityService;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
  }

  /** {@code ${sendDigestsDelegate}}: the daily timer of NotificationDigestProcess. */
  @Component("sendDigestsDelegate")
  @ModelCallable(processes = NotificationDigestProcess.KEY)
  static class SendDigests implements JavaDelegate {
    private final DailyDigest digest;

    SendDigests(DailyDigest digest) {
      this.digest = digest;
    }

    @Override
    public void execute(DelegateExecution execution) {
      digest.send();
    }
  }

  /**
   * One digest per person with open tasks who did not opt out; the number queued. A digest lists the
   * person's newest open tasks, at most {@code hitgov.notification.digest-tasks}, and counts the rest:
   * it reads the tasks it lists, not every task a person could take (an approver of a busy portfolio
   * can hold hundreds, which no one reads in a mail and Tasklist lists anyway).
   */
  int send() {
    if (!notifications.enabled()) {
      return 0;
    }
    int limit = notifications.properties().digestTasks();
    java.util.Date since = java.util.Date.from(EngineClock.now().toInstant().minus(Duration.ofDays(1)));
    int sent = 0;
    for (User user : identityService.createUserQuery().orderByUserId().asc().list()) {
      long open = openTasks(user.getId()).count();
      if (open == 0) {
        continue;
      }
      if (!notifications.wantsDigest(user.getId())) {
        notifications.skipped();
        continue;
      }
      List<Task> listed = openTasks(user.getId()).orderByTaskCreateTime().desc().listPage(0, limit);
      if (listed.isEmpty()) {
        continue; // done since they were counted
      }
      // tasks done or created between the count and the page: a short page is all there is
      open = listed.size() < limit ? listed.size() : Math.max(open, listed.size());
      // newest first: the new ones are listed first, so they are counted from the list unless all of it is new
      long newCount = listed.stream().filter(task -> isNew(task, since)).count();
      if (newCount == listed.size() && open > listed.size()) {
        newCount = Math.min(open, openTasks(user.getId()).taskCreatedAfter(since).count());
      }
      sent += notifications.queue(Kind.DIGEST, "digest", null, model(listed, open, newCount, since),
          List.of(NotificationService.recipient(user)));
    }
    LOG.info("Daily digest: {} e-mail(s) queued", sent);
    return sent;
  }

  /** The user's open tasks: assigned to them or offered to them or to one of their groups. */
  private TaskQuery openTasks(String userId) {
    return taskService.createTaskQuery().or().taskAssignee(userId).taskCandidateUser(userId).endOr();
  }

  /** Created in the last day (the query's {@code taskCreatedAfter} is strict too). */
  private static boolean isNew(Task task, java.util.Date since) {
    return task.getCreateTime() != null && task.getCreateTime().after(since);
  }

  private Map<String, Object> model(List<Task> tasks, long open, long newCount, java.util.Date since) {
    Map<String, String> projects = new HashMap<>();
    String[] instances = tasks.stream().map(Task::getProcessInstanceId).filter(java.util.Objects::nonNull).distinct()
        .toArray(String[]::new);
    if (instances.length > 0) {
      for (VariableInstance v : runtimeService.createVariableInstanceQuery().variableName(TaskNotifications.PROJECT_ID)
          .processInstanceIdIn(instances).list()) {
        if (v.getValue() instanceof String id) {
          projects.putIfAbsent(v.getProcessInstanceId(), id);
        }
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Task task : tasks) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("taskName", task.getName());
      row.put("projectId", projects.getOrDefault(task.getProcessInstanceId(), ""));
      row.put("dueDate", task.getDueDate() == null ? "" : task.getDueDate().toInstant().toString());
      row.put("assignedToYou", task.getAssignee() != null);
      row.put("isNew", isNew(task, since));
      rows.add(row);
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("tasks", rows);
    model.put("taskCount", open);
    model.put("newCount", newCount);
    model.put("listedCount", tasks.size());
    model.put("moreCount", open - tasks.size());
    model.put("more", open > tasks.size());
    model.put("tasklistLink", notifications.properties().link("/camunda/app/tasklist/"));
    return model;
  }
}
