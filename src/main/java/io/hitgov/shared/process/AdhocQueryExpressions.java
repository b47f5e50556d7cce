package io.hitgov.shared.process;

import java.lang.reflect.Field;
import java.util.Collection;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.QueryValidators.AdhocQueryValidator;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Expressions stay out of ad-hoc task queries, {@code orQueries} included. Camunda refuses an
 * expression such as {@code assigneeExpression} in a query a caller sends ({@code
 * enable-expressions-in-adhoc-queries} is off), but checks only the query's own criteria: the same
 * expression inside {@code "orQueries": [...]} of {@code POST /engine-rest/task} was evaluated, and
 * one naming an unknown identifier answered 500. HITGov refuses it with Camunda's own 400. Stored
 * queries (the filters operators create, such as Tasklist's "My tasks" with {@code ${currentUser()}})
 * keep their expressions.
 */
@Component
public class AdhocQueryExpressions extends AbstractProcessEnginePlugin {

  private static final Field VALIDATORS = CamundaFields.field(AbstractQuery.class, "validators");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    CommandGuards.install(configuration, new Guard());
  }

  static final class Guard extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof TaskQueryImpl query && adhoc(query)
          && !Context.getProcessEngineConfiguration().isEnableExpressionsInAdhocQueries()) {
        for (TaskQueryImpl alternative : query.getQueries()) {
          if (alternative != query && !alternative.getExpressions().isEmpty()) {
            throw new Refusals.BadRequest("orQueries: expressions are forbidden in ad-hoc queries ("
                + String.join(", ", alternative.getExpressions().keySet()) + ")");
          }
        }
      }
      return next.execute(command);
    }

    private static boolean adhoc(TaskQueryImpl query) {
      return CamundaFields.get(VALIDATORS, query) instanceof Collection<?> validators
          && validators.contains(AdhocQueryValidator.get());
    }
  }
}
