package io.hitgov.shared.process;

import java.lang.reflect.Field;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobDefinitionStateCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobStateCmd;
import org.camunda.bpm.engine.impl.cmd.SetAnnotationForIncidentCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDefinitionPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricJobLogEventEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.impl.persistence.entity.JobDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * Jobs that belong to no process (the history cleanup job, batch jobs) are changed by operators only.
 * Camunda checks a job's permissions through its process ("standalone" jobs: nothing to check), so
 * any signed-in user, even one without a single authorization, could execute the history cleanup
 * job outside its night window, delete it (history is then never removed), suspend it, or move its
 * due date. HITGov: executing, deleting, suspending or activating such a job, setting its retries,
 * due date or priority needs an operator ({@code camunda-admin}), on every surface (403 otherwise);
 * likewise suspending, prioritising or setting the retries of a job definition without a process (a
 * batch's seed, monitor and execution jobs: the Batch permission was bypassed so), annotating an
 * incident without a process, and reading such a job's exception stack trace (also through its log).
 * A user's execution of any job refused for lack of permission costs the job no retry (Camunda counts
 * it as a failure of the job); failures of the job's own code, business refusals included, count as
 * usual.
 * Jobs of a process keep Camunda's checks (UPDATE on the instance, UPDATE_INSTANCE or RETRY_JOB on the
 * definition); the job executor and HITGov's own calls run without a user and are not checked.
 */
@Component
public class StandaloneJobsForOperators extends AbstractProcessEnginePlugin {

  private static final Field STATE_JOB = CamundaFields.field(AbstractSetJobStateCmd.class, "jobId");
  private static final Field STATE_JOB_DEFINITION = CamundaFields.field(AbstractSetJobStateCmd.class, "jobDefinitionId");
  private static final Field DEFINITION_STATE = CamundaFields.field(AbstractSetJobDefinitionStateCmd.class,
      "jobDefinitionId");
  private static final Field DEFINITION_PRIORITY = CamundaFields.field(SetJobDefinitionPriorityCmd.class,
      "jobDefinitionId");
  private static final Field RETRIES_DEFINITION = CamundaFields.field(SetJobRetriesCmd.class, "jobDefinitionId");
  private static final Field ANNOTATED_INCIDENT = CamundaFields.field(SetAnnotationForIncidentCmd.class, "incidentId");
  private static final Field FAILURE = CamundaFields.field(FailedJobListener.class, "jobFailureCollector");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    CommandGuards.install(configuration, new Guard());
  }

  /** Camunda's command checkers exist once the engine is configured: its authorization checker is swapped. */
  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandChecker> checkers = configuration.getCommandCheckers();
    for (int i = 0; i < checkers.size(); i++) {
      if (checkers.get(i).getClass() == AuthorizationCommandChecker.class) {
        checkers.set(i, new Checker());
        return;
      }
    }
    throw new IllegalStateException("Camunda's AuthorizationCommandChecker is not among the engine's command checkers "
        + checkers + ": jobs without a process would be unguarded");
  }

  /**
   * A user's change to a job refused for lack of permission: the one failure that is no failure of the
   * job (see {@link Guard}). HITGov's own business refusals inside a job's code are failures as usual.
   */
  static final class JobRefusal extends Refusals.Forbidden {
    JobRefusal(String message) {
      super(message);
    }
  }

  /** Camunda's authorization checks, and operators only for a job without a process. */
  static final class Checker extends AuthorizationCommandChecker {
    @Override
    public void checkUpdateJob(JobEntity job) {
      refusedAsJobRefusal(() -> super.checkUpdateJob(job));
      operatorsOnly(job);
    }

    @Override
    public void checkUpdateRetriesJob(JobEntity job) {
      refusedAsJobRefusal(() -> super.checkUpdateRetriesJob(job));
      operatorsOnly(job);
    }

    /** Reading one such job: its exception stack trace names the engine's internals. */
    @Override
    public void checkReadJob(JobEntity job) {
      super.checkReadJob(job);
      operatorsOnly(job);
    }

    /** The same for a job's log entries, whose stack traces are read by their own id. */
    @Override
    public void checkReadHistoricJobLog(HistoricJobLogEventEntity log) {
      super.checkReadHistoricJobLog(log);
      if (log != null && log.getProcessDefinitionKey() == null && log.getProcessInstanceId() == null) {
        operatorsOnly("read the log of job " + log.getJobId());
      }
    }

    private static void refusedAsJobRefusal(Runnable check) {
      try {
        check.run();
      } catch (JobRefusal e) {
        throw e;
      } catch (AuthorizationException e) {
        throw new JobRefusal(e.getMessage());
      }
    }
  }

  /**
   * Suspending or activating one job, which Camunda checks through its process only; and an execution
   * refused for lack of permission, which Camunda would record as a failure of the job: one retry less
   * per refused attempt, so anyone could run a job out of retries by trying to execute it.
   */
  static final class Guard extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof FailedJobListener && Context.getJobExecutorContext() == null && refused(command)) {
        return null; // a user was refused before the job ran: no failure, no retry spent, no failure in its log
      }
      CommandContext context = Context.getCommandContext();
      if (context == null || context.getAuthentication() == null) {
        return next.execute(command);
      }
      if (command instanceof AbstractSetJobStateCmd) {
        String jobId = CamundaFields.string(STATE_JOB, command);
        if (jobId != null) {
          operatorsOnly(context.getJobManager().findJobById(jobId));
        }
        operatorsOnlyForDefinition(context, CamundaFields.string(STATE_JOB_DEFINITION, command));
      } else if (command instanceof AbstractSetJobDefinitionStateCmd) {
        operatorsOnlyForDefinition(context, CamundaFields.string(DEFINITION_STATE, command));
      } else if (command instanceof SetJobDefinitionPriorityCmd) {
        operatorsOnlyForDefinition(context, CamundaFields.string(DEFINITION_PRIORITY, command));
      } else if (command instanceof SetJobRetriesCmd) {
        operatorsOnlyForDefinition(context, CamundaFields.string(RETRIES_DEFINITION, command));
      } else if (command instanceof SetAnnotationForIncidentCmd) {
        String incidentId = CamundaFields.string(ANNOTATED_INCIDENT, command);
        Incident incident = incidentId == null ? null : context.getIncidentManager().findIncidentById(incidentId);
        if (incident != null && incident.getProcessDefinitionId() == null && incident.getProcessInstanceId() == null) {
          operatorsOnly("annotate incident " + incident.getId() + " (" + incident.getIncidentType() + ")");
        }
      }
      return next.execute(command);
    }
  }

  private static boolean refused(Object listener) {
    Object collector = CamundaFields.get(FAILURE, listener);
    for (Throwable failure = collector instanceof JobFailureCollector jobFailure ? jobFailure.getFailure() : null;
        failure != null; failure = failure.getCause() == failure ? null : failure.getCause()) {
      if (failure instanceof JobRefusal) {
        return true;
      }
    }
    return false;
  }

  private static void operatorsOnlyForDefinition(CommandContext context, String jobDefinitionId) {
    JobDefinitionEntity definition = jobDefinitionId == null ? null
        : context.getJobDefinitionManager().findById(jobDefinitionId);
    if (definition != null && definition.getProcessDefinitionId() == null && definition.getProcessDefinitionKey() == null) {
      operatorsOnly("change job definition " + definition.getId() + " (" + definition.getJobType() + ")");
    }
  }

  static void operatorsOnly(JobEntity job) {
    if (job == null || job.getProcessDefinitionKey() != null || job.getProcessInstanceId() != null) {
      return;
    }
    operatorsOnly("change job " + job.getId() + " (" + job.getJobHandlerType() + ")");
  }

  private static void operatorsOnly(String action) {
    Authentication user = CommandGuards.restricted(Context.getCommandContext());
    if (user == null) {
      return;
    }
    throw new JobRefusal(user.getUserId() + " may not " + action
        + ": it belongs to no process, and only operators may");
  }

}
