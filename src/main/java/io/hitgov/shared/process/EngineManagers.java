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

  /** Replaces the engine's own factory of {@code type}: every command gets {@code manager.get()}. */
  static void replace(ProcessEngineConfigurationImpl configuration, Class<?> type, Supplier<? extends Session> manager) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomSessionFactories());
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
