package io.hitgov.system.deployment;

import io.hitgov.shared.process.ModelCallable;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The application beans a model may name: those marked {@link ModelCallable}, each for the
 * process keys it declares. Every other Spring bean (services, repositories, the engine's own
 * services) is invisible to expressions.
 */
@Component
public class CallableBeans implements ExpressionRules.Beans {

  private final ApplicationContext context;
  /** The processes each bean serves: beans and their annotations do not change while the context runs. */
  private final Map<String, Set<String>> served = new java.util.concurrent.ConcurrentHashMap<>();

  public CallableBeans(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public boolean isBean(String name) {
    return context.containsBean(name);
  }

  @Override
  public boolean callableFrom(String name, String processKey) {
    return processKey != null && servedProcesses(name).contains(processKey);
  }

  @Override
  public Set<String> servedProcesses(String name) {
    Set<String> known = served.get(name);
    if (known != null) {
      return known;
    }
    if (!context.containsBean(name)) {
      return Set.of(); // not remembered: a model may name anything
    }
    ModelCallable callable = context.findAnnotationOnBean(name, ModelCallable.class);
    Set<String> processes = callable == null ? Set.of()
        : java.util.Collections.unmodifiableSet(new TreeSet<>(Arrays.asList(callable.processes())));
    served.put(name, processes);
    return processes;
  }

  /** The process keys served by a bean instance, or empty when it is not {@code @ModelCallable}. */
  static Set<String> servedBy(Object bean) {
    ModelCallable callable = AnnotationUtils.findAnnotation(ClassUtils.getUserClass(bean), ModelCallable.class);
    return callable == null ? Set.of() : Set.of(callable.processes());
  }

  /** A read-only view of the callable beans by name, for the engine's bean map. */
  Map<Object, Object> asMap() {
    return new AbstractMap<>() {
      @Override
      public boolean containsKey(Object name) {
        return name instanceof String bean && !servedProcesses(bean).isEmpty();
      }

      @Override
      public Object get(Object name) {
        return containsKey(name) ? context.getBean((String) name) : null;
      }

      @Override
      public Set<Map.Entry<Object, Object>> entrySet() {
        return Set.of();
      }
    };
  }
}
