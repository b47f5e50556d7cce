package io.hitgov.shared.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceManager;
import org.junit.jupiter.api.Test;

/** One replacement per engine manager: a second one would drop the first plugin's change without a word. */
class EngineManagersTest {

  @Test
  void a_manager_replaced_twice_fails_instead_of_dropping_the_first_replacement() {
    var configuration = new StandaloneInMemProcessEngineConfiguration();
    EngineManagers.replace(configuration, VariableInstanceManager.class, VariableInstanceManager::new);
    EngineManagers.replace(configuration, DbEntityManager.class, () -> null);

    assertThatThrownBy(() -> EngineManagers.replace(configuration, VariableInstanceManager.class,
        VariableInstanceManager::new)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("VariableInstanceManager is replaced twice");
    assertThat(configuration.getCustomSessionFactories()).as("the first replacements stay, one per manager")
        .extracting(factory -> (Object) factory.getSessionType()).containsExactly(VariableInstanceManager.class, DbEntityManager.class);
  }
}
