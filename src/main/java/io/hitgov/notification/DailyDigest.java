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
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
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
 * ({@code PUT /api/me/notification-settings {"digest": false}}) gets none. A task whose READ is
 * revoked for the person (a change's assessment and approvals, for its requester) is not in their
 * digest: it is not theirs to take (a PMO member still sees their own change's approvals in Tasklist,
 * through the PMO's read on every process's tasks, and still cannot decide them).
 */
@Component
class DailyDigest {

  private static final Logger LOG = LoggerFactory.getLogger(DailyDigest.class);

  private final NotificationService notifications;
  private final IdentityService identityService;
  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final AuthorizationService authorizationService;

  DailyDigest(NotificationService notifications, IdentityService identityService, TaskService taskService,
      RuntimeService runtimeService, AuthorizationService authorizationService) {
    this.notifications = notifications;
    this.identityService = identityService;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.authorizationService = authorizationService;
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
      String userId = user.getId();
      // tasks whose READ is revoked for the person (a change's assessment and approvals, for its
      // requester): not theirs to take, so not in their digest
      long all = openTasks(userId).count();
      if (all == 0) {
        continue;
      }
      java.util.Set<String> hidden = hiddenFrom(userId);
      long open = visible(all, () -> openTasks(userId), hidden);
      if (open == 0) {
        continue;
      }
      if (!notifications.wantsDigest(userId)) {
        notifications.skipped();
        continue;
      }
      int page = (int) Math.min(Integer.MAX_VALUE - 1L, limit + (all - open));
      List<Task> read = openTasks(userId).orderByTaskCreateTime().desc().listPage(0, page);
      List<Task> shown = read.stream().filter(task -> !hidden.contains(task.getId())).toList();
      List<Task> listed = shown.subList(0, Math.min(limit, shown.size()));
      if (listed.isEmpty()) {
        continue; // done since they were counted
      }
      // tasks done or created between the count and the page: a short page is all there is
      open = read.size() < page ? shown.size() : Math.max(open, listed.size());
      // newest first: the new ones are listed first, so they are counted from the list unless all of it is new
      long newCount = listed.stream().filter(task -> isNew(task, since)).count();
      if (newCount == listed.size() && open > listed.size()) {
        long allNew = openTasks(userId).taskCreatedAfter(since).count();
        newCount = Math.min(open, visible(allNew, () -> openTasks(userId).taskCreatedAfter(since), hidden));
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

  /** The tasks whose READ a REVOKE authorization takes from the user (one statement). */
  private java.util.Set<String> hiddenFrom(String userId) {
    return authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_REVOKE)
        .userIdIn(userId).resourceType(Resources.TASK).list().stream()
        .filter(revoke -> revoke.isPermissionRevoked(Permissions.READ)).map(Authorization::getResourceId)
        .collect(java.util.stream.Collectors.toSet());
  }

  /** Of the {@code all} tasks {@code query} finds, those not hidden from the user. */
  private static long visible(long all, java.util.function.Supplier<TaskQuery> query, java.util.Set<String> hidden) {
    return all == 0 || hidden.isEmpty() ? all : all - query.get().taskIdIn(hidden.toArray(String[]::new)).count();
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
