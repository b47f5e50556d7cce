package io.hitgov.shared.process;

import io.hitgov.shared.event.ProjectIncidentRaised;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Incident handlers for the stalled-project incident types of docs/contract.md, raised on a
 * project's lifecycle instance with {@code RuntimeService#createIncident} (by the portfolio watch, or
 * by hand): each creates, resolves and deletes the incident exactly as the engine's default handler
 * does, and after creating one announces it as {@link ProjectIncidentRaised} (e-mail to the PMO and
 * the project manager listens). An engine plugin, so it lives with the others in {@code shared.process}.
 */
@Component
public class ProjectIncidents extends AbstractProcessEnginePlugin {

  /** The custom incident types on a lifecycle instance (docs/contract.md). */
  public static final List<String> TYPES = List.of("stalledGoLive", "stalledPhase", "overdueGate", "staleProject");

  private final ApplicationEventPublisher events;

  public ProjectIncidents(ApplicationEventPublisher events) {
    this.events = events;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<IncidentHandler> handlers = configuration.getCustomIncidentHandlers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomIncidentHandlers());
    TYPES.forEach(type -> handlers.add(new AnnouncingHandler(type)));
    configuration.setCustomIncidentHandlers(handlers);
  }

  private final class AnnouncingHandler extends DefaultIncidentHandler {

    AnnouncingHandler(String type) {
      super(type);
    }

    @Override
    public Incident handleIncident(IncidentContext context, String message) {
      Incident incident = super.handleIncident(context, message);
      String projectId = null;
      if (context.getExecutionId() != null) {
        ExecutionEntity execution = Context.getCommandContext().getExecutionManager()
            .findExecutionById(context.getExecutionId());
        projectId = execution == null ? null : execution.getProcessBusinessKey();
      }
      events.publishEvent(new ProjectIncidentRaised(type, projectId, incident.getProcessInstanceId(), message));
      return incident;
    }
  }
}
