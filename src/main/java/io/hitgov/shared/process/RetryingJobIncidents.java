package io.hitgov.shared.process;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Camunda's failed-job incident handler, without looking for the incident of a job that has retries
 * left. Whenever a job goes (it ran, or its timer was cancelled with its task), Camunda looks for the
 * job's failed-job incident to resolve it: {@code select * from ACT_RU_INCIDENT I where
 * I.CONFIGURATION_ = ?}, one round trip per job. Camunda creates that incident only when a job's
 * retries drop to 0, and resolves it when they are set above 0 again, so while the job the command
 * holds has retries left there is none to find; another transaction that failed the job meanwhile
 * changed its revision, and this command's delete of the job then fails. The lookup runs as before
 * for a job without retries, when the retries are set back (the job still shows 0 then) and for a job
 * the command does not hold. What is no longer found: an incident someone created by hand
 * ({@code RuntimeService#createIncident}) with a job's id as its configuration stays open when the
 * job goes. Installed only over Camunda's own handler, not over a composite or custom one.
 * {@code hitgov.engine.retrying-job-incidents-unread=false} turns it off (the benchmark's untuned
 * target measures the difference).
 */
@Component
@ConditionalOnProperty(name = "hitgov.engine.retrying-job-incidents-unread", havingValue = "true",
    matchIfMissing = true)
public class RetryingJobIncidents extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    IncidentHandler camundas = configuration.getIncidentHandler(Incident.FAILED_JOB_HANDLER_TYPE);
    if (camundas != null && camundas.getClass() == DefaultIncidentHandler.class) {
      configuration.getIncidentHandlers().put(Incident.FAILED_JOB_HANDLER_TYPE, new Handler());
    }
  }

  /** Camunda's default handler for failed jobs; a job held with retries left has no incident. */
  static final class Handler extends DefaultIncidentHandler {

    Handler() {
      super(Incident.FAILED_JOB_HANDLER_TYPE);
    }

    @Override
    protected void removeIncident(IncidentContext context, boolean incidentResolved) {
      CommandContext command = Context.getCommandContext();
      AcquirableJobEntity held = command == null || context.getConfiguration() == null ? null
          : command.getDbEntityManager().getDbEntityCache().get(AcquirableJobEntity.class, context.getConfiguration());
      if (held instanceof JobEntity job && job.getRetries() > 0) {
        return; // retries left: Camunda has not created the incident (or resolved it when they were set back)
      }
      super.removeIncident(context, incidentResolved);
    }
  }
}
