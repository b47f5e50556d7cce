package io.hitgov.system.cockpit;

import java.util.Set;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * HITGov's Cockpit plugin {@value #ID}: a "Project" tab on every process instance that names the
 * project its lifecycle runs (Camunda 7 has no process instance name), with its phase, go-live date
 * and open gate. Registered for Cockpit in
 * {@code META-INF/services/org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin}; its frontend is
 * {@code plugin-webapp/hitgov-project/app/plugin.js}, its data {@link ProjectTabResource}.
 */
public class ProjectCockpitPlugin extends AbstractCockpitPlugin {

  public static final String ID = "hitgov-project";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(ProjectTabRootResource.class);
  }
}
