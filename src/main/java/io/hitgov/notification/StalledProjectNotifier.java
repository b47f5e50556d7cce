package io.hitgov.notification;

import io.hitgov.lifecycle.ProjectStatus;
import io.hitgov.notification.NotificationService.Kind;
import io.hitgov.notification.NotificationService.Recipient;
import io.hitgov.shared.GovernanceGroup;
import io.hitgov.shared.event.ProjectIncidentRaised;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * E-mails the PMO and the project manager when a stalled-project incident ({@code stalledGoLive},
 * {@code stalledPhase}, {@code overdueGate}, {@code staleProject}) is raised on a project's lifecycle
 * instance ({@link ProjectIncidentRaised}, announced by the incident handlers of
 * {@code shared.process.ProjectIncidents}). Never fails the incident.
 */
@Component
class StalledProjectNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(StalledProjectNotifier.class);

  private final NotificationService notifications;
  private final ProjectStatus projects;

  StalledProjectNotifier(NotificationService notifications, ProjectStatus projects) {
    this.notifications = notifications;
    this.projects = projects;
  }

  @EventListener
  public void incidentRaised(ProjectIncidentRaised incident) {
    String incidentType = incident.incidentType();
    String projectId = incident.projectId();
    String message = incident.message();
    String processInstanceId = incident.processInstanceId();
    if (!notifications.enabled()) {
      return;
    }
    try {
      List<Recipient> recipients = new ArrayList<>(notifications.group(GovernanceGroup.PMO.id()));
      var project = projects.summary(projectId);
      project.flatMap(p -> notifications.user(p.projectManager())).ifPresent(recipients::add);
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("incidentType", incidentType);
      model.put("projectId", projectId == null ? "" : projectId);
      model.put("projectName", project.map(ProjectStatus.Summary::projectName).orElse(""));
      model.put("currentPhase", project.map(ProjectStatus.Summary::currentPhase).orElse(""));
      model.put("goLiveDate", project.map(p -> String.valueOf(p.goLiveDate())).orElse(""));
      model.put("message", message == null ? "" : message);
      model.put("cockpitLink", notifications.properties().link("/camunda/app/cockpit/default/#/process-instance/"
          + processInstanceId + "/runtime"));
      notifications.queue(Kind.STALLED_PROJECT, "stalled-project", projectId, model, recipients);
    } catch (RuntimeException e) {
      LOG.warn("Stalled-project notification ({}) for {} not queued: {}", incidentType, projectId, e.toString());
    }
  }
}
