package io.hitgov.shared.process;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/** Installs HITGov's subclass of one of Camunda's managers (the engine opens one per command). */
final class EngineManagers {

  private EngineManagers() {}

  /**
   * Replaces the engine's own factory of {@code type}: every command gets {@code manager.get()}. One
   * replacement per type: a second (another plugin's) would silently drop the first, so it fails the
   * engine's start instead.
   */
  static void replace(ProcessEngineConfigurationImpl configuration, Class<?> type, Supplier<? extends Session> manager) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomSessionFactories());
    for (SessionFactory factory : factories) {
      if (factory.getSessionType() == type) {
        throw new IllegalStateException("Camunda's " + type.getSimpleName() + " is replaced twice (" + factory
            + " first): each engine plugin that replaces it would drop the other's change");
      }
    }
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return type;
      }

      @Override
      public Session openSession() {
        return manager.get();
      }
    });
    configuration.setCustomSessionFactories(factories);
  }
}
