package io.hitgov.notification;

import io.hitgov.notification.NotificationService.Kind;
import io.hitgov.notification.NotificationService.Recipient;
import io.hitgov.shared.event.EscalationRaised;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import io.hitgov.shared.process.CurrentUser;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Immediate e-mails (docs/notifications.md): an SLA-bound approval assigned to a person or offered to
 * a group ({@code hitgov.notification.immediate-tasks}; every other task waits for the daily digest),
 * and an escalation to the group that now owns it. Listens to the engine's task events (Camunda's
 * Spring eventing) and to {@link EscalationRaised}; a failure here is logged and never fails the
 * governance step that caused it.
 */
@Component
class TaskNotifications {

  private static final Logger LOG = LoggerFactory.getLogger(TaskNotifications.class);
  static final String PROJECT_ID = "projectId";

  private final NotificationService notifications;
  private final CurrentUser currentUser;

  TaskNotifications(NotificationService notifications, CurrentUser currentUser) {
    this.notifications = notifications;
    this.currentUser = currentUser;
  }

  @EventListener
  public void onTask(DelegateTask task) {
    if (!notifications.enabled()
        || !notifications.properties().immediateTasks().contains(task.getTaskDefinitionKey())) {
      return;
    }
    try {
      String event = task.getEventName();
      List<Recipient> recipients = new ArrayList<>();
      if (TaskListener.EVENTNAME_CREATE.equals(event) && task.getAssignee() == null) {
        for (IdentityLink link : task.getCandidates()) {
          if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
            recipients.addAll(notifications.group(link.getGroupId()));
          } else if (link.getUserId() != null) {
            notifications.user(link.getUserId()).ifPresent(recipients::add);
          }
        }
      } else if (TaskListener.EVENTNAME_ASSIGNMENT.equals(event) && task.getAssignee() != null
          && !task.getAssignee().equals(currentUser.id().orElse(null))) {
        // assigned by someone else (a claim by the assignee themselves is no news to them)
        notifications.user(task.getAssignee()).ifPresent(recipients::add);
      }
      if (recipients.isEmpty()) {
        return;
      }
      String projectId = task.getVariable(PROJECT_ID) instanceof String id ? id : null;
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("taskName", task.getName());
      model.put("taskId", task.getId());
      model.put("projectId", projectId == null ? "" : projectId);
      model.put("dueDate", task.getDueDate() == null ? "" : task.getDueDate().toInstant().toString());
      model.put("taskLink", notifications.properties().link("/camunda/app/tasklist/default/#/?task=" + task.getId()));
      notifications.queue(Kind.TASK_ASSIGNED, "task-assigned", projectId, model, recipients);
    } catch (RuntimeException e) {
      LOG.warn("Notification for task {} ({}) not queued: {}", task.getId(), task.getTaskDefinitionKey(), e.toString());
    }
  }

  @EventListener
  public void onEscalation(EscalationRaised escalation) {
    if (!notifications.enabled()) {
      return;
    }
    try {
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("projectId", escalation.projectId());
      model.put("subjectId", escalation.subjectId());
      model.put("toGroup", escalation.toGroup());
      model.put("reason", escalation.reason());
      model.put("tasklistLink", notifications.properties().link("/camunda/app/tasklist/"));
      notifications.queue(Kind.ESCALATION, "escalation", escalation.projectId(), model,
          notifications.group(escalation.toGroup()));
    } catch (RuntimeException e) {
      LOG.warn("Escalation notification for {} not queued: {}", escalation.subjectId(), e.toString());
    }
  }
}
