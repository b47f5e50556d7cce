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

  /** One digest per person with open tasks who did not opt out; the number queued. */
  int send() {
    if (!notifications.enabled()) {
      return 0;
    }
    int sent = 0;
    for (User user : identityService.createUserQuery().orderByUserId().asc().list()) {
      List<Task> tasks = taskService.createTaskQuery().or().taskAssignee(user.getId()).taskCandidateUser(user.getId())
          .endOr().orderByTaskCreateTime().asc().list();
      if (tasks.isEmpty()) {
        continue;
      }
      if (!notifications.wantsDigest(user.getId())) {
        notifications.skipped();
        continue;
      }
      sent += notifications.queue(Kind.DIGEST, "digest", null, model(tasks), notifications.user(user.getId()).stream().toList());
    }
    LOG.info("Daily digest: {} e-mail(s) queued", sent);
    return sent;
  }

  private Map<String, Object> model(List<Task> tasks) {
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
    java.util.Date since = java.util.Date.from(EngineClock.now().toInstant().minus(Duration.ofDays(1)));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Task task : tasks) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("taskName", task.getName());
      row.put("projectId", projects.getOrDefault(task.getProcessInstanceId(), ""));
      row.put("dueDate", task.getDueDate() == null ? "" : task.getDueDate().toInstant().toString());
      row.put("assignedToYou", task.getAssignee() != null);
      row.put("isNew", task.getCreateTime() != null && !task.getCreateTime().before(since));
      rows.add(row);
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("tasks", rows);
    model.put("taskCount", tasks.size());
    model.put("newCount", rows.stream().filter(r -> Boolean.TRUE.equals(r.get("isNew"))).count());
    model.put("tasklistLink", notifications.properties().link("/camunda/app/tasklist/"));
    return model;
  }
}
