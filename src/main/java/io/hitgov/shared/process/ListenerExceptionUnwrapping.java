package io.hitgov.shared.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The engine wraps an exception thrown by a task listener into a plain
 * {@code ProcessEngineException} (ENGINE-03051), which the REST API answers with 500. HITGov's
 * listeners refuse bad input ({@link InvalidVariablesException}) and four-eyes violations
 * ({@link AuthorizationException}) and completions by someone other than the assignee
 * ({@link TaskConflictException}) on purpose; this interceptor, outside the transaction, hands
 * those through unwrapped so that the REST API and Tasklist answer 400 and 403 with the reason.
 * The command has been rolled back by then: nothing is completed.
 */
@Component
public class ListenerExceptionUnwrapping extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPreCommandInterceptorsTxRequired(
        withUnwrapper(configuration.getCustomPreCommandInterceptorsTxRequired()));
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(
        withUnwrapper(configuration.getCustomPreCommandInterceptorsTxRequiresNew()));
  }

  private static List<CommandInterceptor> withUnwrapper(List<CommandInterceptor> existing) {
    List<CommandInterceptor> interceptors = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
    interceptors.add(0, new Unwrapper());
    return interceptors;
  }

  static final class Unwrapper extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (ProcessEngineException e) {
        throw unwrap(e);
      }
    }
  }

  static RuntimeException unwrap(ProcessEngineException e) {
    Throwable cause = e;
    while (cause != null) {
      if (cause instanceof InvalidVariablesException || cause instanceof AuthorizationException
          || cause instanceof TaskConflictException) {
        return (RuntimeException) cause;
      }
      if (cause.getCause() == cause) {
        break;
      }
      cause = cause.getCause();
    }
    return e;
  }
}
