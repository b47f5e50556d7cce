package io.hitgov.system.cockpit;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;

/** {@code /camunda/api/cockpit/plugin/hitgov-project/...}: the plugin's assets and its data. */
@Path("plugin/" + ProjectCockpitPlugin.ID)
public class ProjectTabRootResource extends AbstractCockpitPluginRootResource {

  public ProjectTabRootResource() {
    super(ProjectCockpitPlugin.ID);
  }

  @Path("{engineName}/process-instance")
  public ProjectTabResource processInstance(@PathParam("engineName") String engineName) {
    return subResource(new ProjectTabResource(existing(engineName)), engineName);
  }

  @Path("{engineName}/process-definition")
  public DefinitionProjectsResource processDefinition(@PathParam("engineName") String engineName) {
    return subResource(new DefinitionProjectsResource(existing(engineName)), engineName);
  }

  /**
   * The engine's name, or 404: Cockpit's security filter lets {@code …/static/…} through without a
   * login (the plugin's assets), and {@code static} would otherwise reach the data as an engine name.
   */
  private static String existing(String engineName) {
    if (Cockpit.getProcessEngine(engineName) == null) {
      throw new NotFoundException("No process engine named " + engineName);
    }
    return engineName;
  }
}
