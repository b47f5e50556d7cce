package io.hitgov.portfolio.web;

import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * The Cockpit dashboard plugin "Go-live watch" ({@code cockpit.dashboard}): the stalled projects with
 * their reasons, days late, next gate and go-live date, each linking to its lifecycle instance in
 * Cockpit. Frontend only: {@code plugin-webapp/hitgov-golive-watch/app/plugin.js} reads
 * {@code GET /api/portfolio?stalled=true} with the Cockpit session. Registered through
 * {@code META-INF/services/org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin}.
 */
public class GoLiveWatchCockpitPlugin extends AbstractCockpitPlugin {

  public static final String ID = "hitgov-golive-watch";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public java.util.Set<Class<?>> getResourceClasses() {
    return java.util.Set.of(GoLiveWatchRootResource.class);
  }

  @Override
  public String getAssetDirectory() {
    return "plugin-webapp/" + ID;
  }
}
