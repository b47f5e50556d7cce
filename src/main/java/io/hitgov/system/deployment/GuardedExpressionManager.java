package io.hitgov.system.deployment;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;

/**
 * The second wall behind {@link ModelPolicy}: even an expression that reached the engine some
 * other way cannot call into the JVM. Camunda's default resolver chain ends in a
 * {@link BeanELResolver} that reads any property and calls any public method of any object
 * ({@code execution.getProcessEngineServices()}, {@code ''.getClass().forName(…)}); this chain has
 * none. It resolves variables, reads lists, maps and arrays, returns {@code @ModelCallable} beans to
 * the processes they serve and calls their own methods, and allows date arithmetic on
 * {@code dateTime()}. Nothing else is resolved, so the engine answers "cannot resolve".
 */
final class GuardedExpressionManager extends JuelExpressionManager {

  GuardedExpressionManager(CallableBeans beans) {
    super(beans.asMap());
  }

  @Override
  protected ELResolver createElResolver() {
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(new VariableScopeElResolver());
    resolver.add(new VariableContextElResolver());
    resolver.add(new CallableBeanResolver(beans));
    resolver.add(new ArrayELResolver(true));
    resolver.add(new ListELResolver(true));
    resolver.add(new MapELResolver(true));
    resolver.add(new DateArithmeticResolver());
    return resolver;
  }

  /** Resolves nothing and writes nothing unless a subclass says otherwise. */
  abstract static class ReadOnlyResolver extends ELResolver {
    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
      return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
      // read-only
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
      return true;
    }

    @Override
    public java.util.Iterator<java.beans.FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
      return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
      return null;
    }
  }

  /** {@code ${bean}} and {@code ${bean.method(…)}} for a bean that serves the running process. */
  static final class CallableBeanResolver extends ReadOnlyResolver {
    private final java.util.Map<Object, Object> beans;
    private final BeanELResolver invoker = new BeanELResolver(true);

    CallableBeanResolver(java.util.Map<Object, Object> beans) {
      this.beans = beans;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      if (base != null || !(property instanceof String name) || !beans.containsKey(name)) {
        return null;
      }
      Object bean = beans.get(name);
      requireServes(bean, name, processKey(context));
      context.setPropertyResolved(true);
      return bean;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
      if (base == null || !(method instanceof String name) || CallableBeans.servedBy(base).isEmpty()) {
        return null;
      }
      if (ExpressionRules.ObjectMethods.NAMES.contains(name) || !declaredByTheApplication(base, name)) {
        throw new ModelPolicyException("Expression refused: method '" + name + "' may not be called from a model");
      }
      requireServes(base, base.getClass().getSimpleName(), processKey(context));
      return invoker.invoke(context, base, method, paramTypes, params);
    }

    private static void requireServes(Object bean, String name, String processKey) {
      Set<String> served = CallableBeans.servedBy(bean);
      if (processKey == null || !served.contains(processKey)) {
        throw new ModelPolicyException("Expression refused: bean '" + name + "' serves " + served
            + (processKey == null ? " and runs only inside them" : ", not " + processKey));
      }
    }

    /**
     * Only public methods the application's own classes declare: not those inherited from the JDK or
     * Spring, nor a proxy's (a {@code @Transactional} bean's {@code removeAdvisor}, say).
     */
    static boolean declaredByTheApplication(Object bean, String name) {
      return java.util.Arrays.stream(org.springframework.util.ClassUtils.getUserClass(bean).getMethods())
          .anyMatch(method -> method.getName().equals(name)
              && method.getDeclaringClass().getName().startsWith("io.hitgov."));
    }

    /** The process definition key of the execution or task the expression is evaluated for. */
    private static String processKey(ELContext context) {
      Object scope = context.getContext(VariableScope.class);
      DelegateExecution execution = scope instanceof DelegateExecution e ? e
          : scope instanceof DelegateTask task ? task.getExecution() : null;
      if (execution instanceof ExecutionEntity entity && entity.getProcessDefinition() != null) {
        return entity.getProcessDefinition().getKey();
      }
      return null;
    }
  }

  /** {@code ${dateTime().plusDays(7)}}: Joda-Time arithmetic on the value of {@code dateTime()}. */
  static final class DateArithmeticResolver extends ReadOnlyResolver {
    private final BeanELResolver invoker = new BeanELResolver(true);

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
      if (base != null && base.getClass().getName().equals("org.joda.time.DateTime")
          && method instanceof String name && ExpressionRules.DATE_METHODS.contains(name)) {
        return invoker.invoke(context, base, method, paramTypes, params);
      }
      return null;
    }
  }
}
