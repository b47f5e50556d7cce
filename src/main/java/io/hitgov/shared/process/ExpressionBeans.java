package io.hitgov.shared.process;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Models may name only delegate and listener beans in expressions. By default every Spring bean is
 * reachable from an expression, so a model deployed from Camunda Modeler could call, say, the
 * identity service and make its author an operator; with this plugin it cannot.
 */
@Component
public class ExpressionBeans extends AbstractProcessEnginePlugin {

  private final ApplicationContext context;

  public ExpressionBeans(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration instanceof SpringProcessEngineConfiguration) {
      Allowed beans = new Allowed(context);
      configuration.setBeans(beans);
      configuration.setExpressionManager(new SpringExpressionManager(context, beans));
    }
  }

  /** A read-only view of the delegate and listener beans, resolved lazily by name. */
  static final class Allowed extends AbstractMap<Object, Object> {
    private final ApplicationContext context;

    Allowed(ApplicationContext context) {
      this.context = context;
    }

    @Override
    public boolean containsKey(Object name) {
      return name instanceof String bean && context.containsBean(bean)
          && (context.isTypeMatch(bean, JavaDelegate.class) || context.isTypeMatch(bean, ExecutionListener.class)
              || context.isTypeMatch(bean, TaskListener.class));
    }

    @Override
    public Object get(Object name) {
      return containsKey(name) ? context.getBean((String) name) : null;
    }

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
      return Set.of();
    }
  }
}
