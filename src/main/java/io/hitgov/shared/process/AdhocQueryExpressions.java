package io.hitgov.shared.process;

import java.lang.reflect.Field;
import java.util.Collection;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.QueryValidators.AdhocQueryValidator;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Expressions stay out of ad-hoc task queries, {@code orQueries} included. Camunda refuses an
 * expression such as {@code assigneeExpression} in a query a caller sends ({@code
 * enable-expressions-in-adhoc-queries} is off), but checks only the query's own criteria: the same
 * expression inside {@code "orQueries": [...]} of {@code POST /engine-rest/task} was evaluated, and
 * one naming an unknown identifier answered 500; likewise in the query a caller sends to extend a
 * stored filter ({@code POST /engine-rest/filter/{id}/list}). HITGov refuses both (400). Stored
 * queries (the filters operators create, such as Tasklist's "My tasks" with {@code ${currentUser()}})
 * keep their expressions.
 */
@Component
public class AdhocQueryExpressions extends AbstractProcessEnginePlugin {

  private static final Field VALIDATORS = CamundaFields.field(AbstractQuery.class, "validators");
  private static final Field EXTENDING_QUERY = CamundaFields.field(AbstractExecuteFilterCmd.class, "extendingQuery");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    CommandGuards.install(configuration, new Guard());
  }

  static final class Guard extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (!Context.getProcessEngineConfiguration().isEnableExpressionsInAdhocQueries()) {
        if (command instanceof TaskQueryImpl query && adhoc(query)) {
          refuseExpressionsInOrQueries(query);
        } else if (command instanceof AbstractExecuteFilterCmd
            && CamundaFields.get(EXTENDING_QUERY, command) instanceof TaskQueryImpl extending) {
          // a stored filter's own expressions stay; the query a caller sends to extend it is ad hoc
          refuseExpressionsInOrQueries(extending);
        }
      }
      return next.execute(command);
    }

    private static void refuseExpressionsInOrQueries(TaskQueryImpl query) {
      for (TaskQueryImpl alternative : query.getQueries()) {
        if (alternative != query && !alternative.getExpressions().isEmpty()) {
          throw new Refusals.BadRequest("orQueries: expressions are forbidden in ad-hoc queries ("
              + String.join(", ", alternative.getExpressions().keySet()) + ")");
        }
      }
    }

    private static boolean adhoc(TaskQueryImpl query) {
      return CamundaFields.get(VALIDATORS, query) instanceof Collection<?> validators
          && validators.contains(AdhocQueryValidator.get());
    }
  }
}
