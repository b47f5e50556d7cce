package io.hitgov.system.cockpit;

import io.hitgov.lifecycle.ImplementationLifecycleProcess;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;

/**
 * The running instances of one process definition with the project each belongs to (Camunda 7 has no
 * process instance name, and Cockpit's instance list shows ids and business keys only): project id,
 * project name and phase, read with the Cockpit user's own authorizations (instances the user may not
 * read are not listed). An instance that does not carry the project's name or phase itself (a change,
 * a risk, a gate review) takes them from the project's lifecycle, whose business key is the project id.
 * At most {@value #MAX_ROWS} instances, by business key; {@code count} says how many are running.
 */
public class DefinitionProjectsResource extends AbstractCockpitPluginResource {

  static final int MAX_ROWS = 100;
  static final String PROJECT_ID = ImplementationLifecycleProcess.Variables.PROJECT_ID;
  static final String PROJECT_NAME = ImplementationLifecycleProcess.Variables.PROJECT_NAME;
  static final String PHASE = ImplementationLifecycleProcess.Variables.CURRENT_PHASE;

  public DefinitionProjectsResource(String engineName) {
    super(engineName);
  }

  @GET
  @Path("{processDefinitionId}")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> instances(@PathParam("processDefinitionId") String processDefinitionId) {
    RuntimeService runtime = getProcessEngine().getRuntimeService();
    var query = runtime.createProcessInstanceQuery().processDefinitionId(processDefinitionId);
    long count = query.count();
    List<ProcessInstance> instances = query.orderByBusinessKey().asc().orderByProcessInstanceId().asc()
        .listPage(0, MAX_ROWS);
    Map<String, Map<String, Object>> variables = variables(runtime, instances.stream().map(ProcessInstance::getId));
    Set<String> projectsToLookUp = new LinkedHashSet<>();
    for (ProcessInstance instance : instances) {
      Map<String, Object> own = variables.getOrDefault(instance.getId(), Map.of());
      if (own.get(PROJECT_ID) instanceof String projectId && !own.containsKey(PROJECT_NAME)) {
        projectsToLookUp.add(projectId);
      }
    }
    Map<String, Map<String, Object>> projects = projects(runtime, projectsToLookUp);
    List<Map<String, Object>> rows = instances.stream().map(instance -> {
      Map<String, Object> own = variables.getOrDefault(instance.getId(), Map.of());
      Map<String, Object> project = projects.getOrDefault(own.get(PROJECT_ID), Map.of());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", instance.getId());
      row.put("businessKey", instance.getBusinessKey());
      row.put(PROJECT_ID, own.get(PROJECT_ID));
      row.put(PROJECT_NAME, own.getOrDefault(PROJECT_NAME, project.get(PROJECT_NAME)));
      row.put("phase", own.getOrDefault(PHASE, project.get(PHASE)));
      return row;
    }).toList();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("count", count);
    answer.put("instances", rows);
    return answer;
  }

  /** The project's name and phase from its lifecycle (business key = project id), one query per project. */
  private static Map<String, Map<String, Object>> projects(RuntimeService runtime, Set<String> projectIds) {
    Map<String, String> lifecycleOf = new HashMap<>();
    for (String projectId : projectIds) {
      runtime.createProcessInstanceQuery().processDefinitionKey(ImplementationLifecycleProcess.KEY)
          .processInstanceBusinessKey(projectId).listPage(0, 1)
          .forEach(lifecycle -> lifecycleOf.put(lifecycle.getId(), projectId));
    }
    Map<String, Map<String, Object>> projects = new HashMap<>();
    variables(runtime, lifecycleOf.keySet().stream()).forEach((id, values) -> projects.put(lifecycleOf.get(id), values));
    return projects;
  }

  /** Project id, name and phase of each instance (process-level variables only), in one query. */
  private static Map<String, Map<String, Object>> variables(RuntimeService runtime, java.util.stream.Stream<String> ids) {
    String[] instanceIds = ids.toArray(String[]::new);
    Map<String, Map<String, Object>> byInstance = new HashMap<>();
    if (instanceIds.length == 0) {
      return byInstance;
    }
    List<VariableInstance> values = runtime.createVariableInstanceQuery().processInstanceIdIn(instanceIds)
        .variableNameIn(PROJECT_ID, PROJECT_NAME, PHASE).disableCustomObjectDeserialization().list();
    for (VariableInstance value : values) {
      if (value.getExecutionId().equals(value.getProcessInstanceId()) && value.getValue() != null) {
        byInstance.computeIfAbsent(value.getProcessInstanceId(), id -> new HashMap<>()).put(value.getName(),
            value.getValue());
      }
    }
    return byInstance;
  }
}
