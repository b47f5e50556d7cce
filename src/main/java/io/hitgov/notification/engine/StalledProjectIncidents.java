package io.hitgov.notification.engine;

import io.hitgov.notification.StalledProjectNotifier;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Incident handlers for the stalled-project incident types (docs/contract.md: {@code stalledGoLive},
 * {@code stalledPhase}, {@code overdueGate}, {@code staleProject}), raised on a project's lifecycle
 * instance with {@code RuntimeService#createIncident}: each creates, resolves and deletes the incident
 * exactly as the engine's default handler does, and after creating one queues the e-mail to the PMO
 * and the project manager ({@link StalledProjectNotifier}).
 */
@Component
public class StalledProjectIncidents extends AbstractProcessEnginePlugin {

  private final ObjectProvider<StalledProjectNotifier> notifier;

  StalledProjectIncidents(ObjectProvider<StalledProjectNotifier> notifier) {
    this.notifier = notifier;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<IncidentHandler> handlers = configuration.getCustomIncidentHandlers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomIncidentHandlers());
    for (String type : StalledProjectNotifier.INCIDENT_TYPES) {
      handlers.add(new NotifyingHandler(type));
    }
    configuration.setCustomIncidentHandlers(handlers);
  }

  private final class NotifyingHandler extends DefaultIncidentHandler {

    NotifyingHandler(String type) {
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
      notifier.getObject().incidentRaised(type, projectId, message, incident.getProcessInstanceId());
      return incident;
    }
  }
}
