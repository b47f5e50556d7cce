package io.hitgov.system.cockpit;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;

/** {@code /camunda/api/cockpit/plugin/hitgov-project/...}: the plugin's assets and its data. */
@Path("plugin/" + ProjectCockpitPlugin.ID)
public class ProjectTabRootResource extends AbstractCockpitPluginRootResource {

  public ProjectTabRootResource() {
    super(ProjectCockpitPlugin.ID);
  }

  @Path("{engineName}/process-instance")
  public ProjectTabResource processInstance(@PathParam("engineName") String engineName) {
    return subResource(new ProjectTabResource(engineName), engineName);
  }

  @Path("{engineName}/process-definition")
  public DefinitionProjectsResource processDefinition(@PathParam("engineName") String engineName) {
    return subResource(new DefinitionProjectsResource(engineName), engineName);
  }
}
