package io.hitgov.portfolio.web;

import jakarta.ws.rs.Path;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;

/**
 * Serves the plugin's assets ({@code /camunda/api/cockpit/plugin/hitgov-golive-watch/static/app/plugin.js});
 * Cockpit finds a plugin's assets only through its root resource. The plugin has no server API of its own.
 */
@Path("plugin/" + GoLiveWatchCockpitPlugin.ID)
public class GoLiveWatchRootResource extends AbstractCockpitPluginRootResource {

  public GoLiveWatchRootResource() {
    super(GoLiveWatchCockpitPlugin.ID);
  }
}
