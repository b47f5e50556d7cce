package io.hitgov.shared.process;

import java.lang.reflect.Field;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobStateCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/**
 * Jobs that belong to no process (the history cleanup job, batch jobs) are changed by operators only.
 * Camunda checks a job's permissions through its process ("standalone" jobs: nothing to check), so
 * any signed-in user, even one without a single authorization, could execute the history cleanup
 * job outside its night window, delete it (history is then never removed), suspend it, or move its
 * due date. HITGov: executing, deleting, suspending or activating such a job, setting its retries,
 * due date or priority needs an operator ({@code camunda-admin}), on every surface (403 otherwise). An
 * execution refused for lack of permission, of any job, costs the job no retry (Camunda counts it as
 * a failure of the job).
 * Jobs of a process keep Camunda's checks (UPDATE on the instance, UPDATE_INSTANCE or RETRY_JOB on the
 * definition); the job executor and HITGov's own calls run without a user and are not checked.
 */
@Component
public class StandaloneJobsForOperators extends AbstractProcessEnginePlugin {

  private static final Field STATE_JOB = CamundaFields.field(AbstractSetJobStateCmd.class, "jobId");
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

  /** Camunda's authorization checks, and operators only for a job without a process. */
  static final class Checker extends AuthorizationCommandChecker {
    @Override
    public void checkUpdateJob(JobEntity job) {
      super.checkUpdateJob(job);
      operatorsOnly(job);
    }

    @Override
    public void checkUpdateRetriesJob(JobEntity job) {
      super.checkUpdateRetriesJob(job);
      operatorsOnly(job);
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
      if (command instanceof FailedJobListener && refused(command)) {
        return null; // the job never ran: no failure, no retry spent, no failure in its log
      }
      if (command instanceof AbstractSetJobStateCmd) {
        CommandContext context = Context.getCommandContext();
        String jobId = value(command);
        if (context != null && jobId != null && context.getAuthentication() != null) {
          operatorsOnly(context.getJobManager().findJobById(jobId));
        }
      }
      return next.execute(command);
    }
  }

  private static boolean refused(Object listener) {
    Object collector = CamundaFields.get(FAILURE, listener);
    for (Throwable failure = collector instanceof JobFailureCollector jobFailure ? jobFailure.getFailure() : null;
        failure != null; failure = failure.getCause() == failure ? null : failure.getCause()) {
      if (failure instanceof AuthorizationException) {
        return true;
      }
    }
    return false;
  }

  static void operatorsOnly(JobEntity job) {
    if (job == null || job.getProcessDefinitionKey() != null || job.getProcessInstanceId() != null) {
      return;
    }
    CommandContext context = Context.getCommandContext();
    Authentication authentication = context.getAuthentication();
    AuthorizationManager authorizations = context.getAuthorizationManager();
    if (authentication == null || authentication.getUserId() == null || !context.isAuthorizationCheckEnabled()
        || !authorizations.isAuthorizationEnabled() || authorizations.isCamundaAdmin(authentication)) {
      return;
    }
    throw new AuthorizationException(authentication.getUserId() + " may not change job " + job.getId() + " ("
        + job.getJobHandlerType() + "): it belongs to no process, and only operators change such jobs");
  }

  private static String value(Object command) {
    return CamundaFields.string(STATE_JOB, command);
  }
}
