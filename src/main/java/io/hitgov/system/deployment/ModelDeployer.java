package io.hitgov.system.deployment;

import io.hitgov.shared.process.TimerCycle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.engine.ResourceReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys every {@code .bpmn} and {@code .dmn} under {@code processes/} and every {@code .form}
 * under {@code forms/} at start-up, as one deployment of the changed resources only.
 *
 * <ul>
 *   <li>Every file is parsed first; a broken file stops start-up with an error naming the file.
 *   <li>A resource is "changed" when its bytes differ from the latest resource of the same name in
 *       an earlier deployment named {@link ModelProperties#deploymentName()}. Nothing changed: no
 *       deployment, no new versions.
 *   <li>Forms are referenced with {@code camunda:formRef} and binding {@code deployment}, so a
 *       process version must be deployed together with its forms: a changed BPMN takes the forms
 *       it references along, and a changed form takes the BPMNs that reference it along.
 *   <li>Decisions and called processes are bound by key ({@code latest}) and need no companions.
 *   <li>The engine's duplicate filter is still applied, under its deployment lock, so that several
 *       nodes starting at once against one database create the deployment only once (on PostgreSQL
 *       nodes also start one at a time, {@link StartupLock}).
 *   <li>Configured timer cycles ({@link TimerCycle} beans, e.g. {@code hitgov.portfolio.watch-cycle}) are
 *       written into their models first, so "changed" compares what is really deployed.
 *   <li>Every deployment records the application version that made it ({@code model_deployment});
 *       a node never deploys over a start-up deployment of a newer release (rolling upgrades).
 * </ul>
 */
@Component
public class ModelDeployer implements InitializingBean {

  static final String SOURCE = "hitgov-startup";
  private static final Logger LOG = LoggerFactory.getLogger(ModelDeployer.class);

  private final RepositoryService repositoryService;
  private final ModelProperties properties;
  private final ModelGovernance governance;
  private final TimerCycles timerCycles;
  private final ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

  public ModelDeployer(RepositoryService repositoryService, ModelProperties properties, ModelGovernance governance,
      ObjectProvider<TimerCycle> timerCycles) {
    this.repositoryService = repositoryService;
    this.properties = properties;
    this.governance = governance;
    this.timerCycles = new TimerCycles(timerCycles.orderedStream().toList());
  }

  @Override
  public void afterPropertiesSet() {
    deploy();
  }

  /** Deploys what changed; returns the new deployment, or {@code null} when nothing changed. */
  public DeploymentWithDefinitions deploy() {
    Map<String, ModelFile> files = new TreeMap<>();
    load(properties.processesLocation(), "processes/", List.of("bpmn", "dmn"), files);
    load(properties.formsLocation(), "forms/", List.of("form"), files);
    files.replaceAll((name, file) -> timerCycles.apply(file));

    Map<String, ModelFile.Parsed> parsed = new LinkedHashMap<>();
    files.values().forEach(file -> parsed.put(file.name(), file.parse()));
    Map<String, String> formFileById = formFilesById(parsed);
    checkFormReferences(parsed, formFileById);

    Set<String> toDeploy = resourcesToDeploy(files, parsed, formFileById);
    DeploymentWithDefinitions deployment = null;
    Optional<String> newer = toDeploy.isEmpty() ? Optional.empty() : newerReleaseDeployed();
    if (newer.isPresent()) {
      LOG.warn("Models not deployed: {}; this node runs HITGov {} and keeps serving with the models deployed by the "
          + "newer release (it would otherwise have deployed {}). Models of a release call only beans its previous "
          + "release already has (docs/operations.md#rolling-upgrades).", newer.get(), governance.appVersion(), toDeploy);
    } else if (toDeploy.isEmpty()) {
      LOG.info("Models unchanged: {} files in {} and {}; no new deployment",
          files.size(), properties.processesLocation(), properties.formsLocation());
    } else {
      deployment = deploy(files, toDeploy);
    }
    logOverrides();
    return deployment;
  }

  /**
   * Rolling upgrades: while nodes of release N and N+1 run side by side, a node of release N that
   * restarts sees N+1's changed models as "changed" and would deploy its older files as the newest
   * version. So a node never deploys over a start-up deployment made by a newer release; it says so.
   * Deployments without a recorded version (made before versions were recorded) count as older.
   */
  private Optional<String> newerReleaseDeployed() {
    String mine = governance.appVersion();
    Map<String, String> versions = governance.appVersionsByDeployment();
    for (Deployment deployment : repositoryService.createDeploymentQuery().deploymentName(properties.deploymentName())
        .deploymentSource(SOURCE).orderByDeploymentTime().desc().list()) {
      String version = versions.get(deployment.getId());
      if (AppVersion.newer(version, mine)) {
        return Optional.of("deployment " + deployment.getId() + " of " + deployment.getDeploymentTime().toInstant()
            + " was made by HITGov " + version + ", newer than this node's " + mine);
      }
    }
    return Optional.empty();
  }

  /**
   * An approved PMO edit stays active until a release changes the shipped file (then the shipped
   * file is deployed as the newer version). Every key whose active version is not the shipped one
   * is named here at each start, so an operator sees which PMO edits are in force.
   */
  private void logOverrides() {
    Set<String> shipped = repositoryService.createDeploymentQuery().deploymentSource(SOURCE).list().stream()
        .map(Deployment::getId).collect(Collectors.toSet());
    if (shipped.isEmpty()) {
      return;
    }
    Map<String, String> sources = new HashMap<>();
    for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
      if (!shipped.contains(definition.getDeploymentId()) && repositoryService.createProcessDefinitionQuery()
          .processDefinitionKey(definition.getKey()).list().stream().anyMatch(d -> shipped.contains(d.getDeploymentId()))) {
        sources.put(definition.getKey() + " v" + definition.getVersion(), definition.getDeploymentId());
      }
    }
    for (var definition : repositoryService.createDecisionDefinitionQuery().latestVersion().list()) {
      if (!shipped.contains(definition.getDeploymentId()) && repositoryService.createDecisionDefinitionQuery()
          .decisionDefinitionKey(definition.getKey()).list().stream().anyMatch(d -> shipped.contains(d.getDeploymentId()))) {
        sources.put(definition.getKey() + " v" + definition.getVersion(), definition.getDeploymentId());
      }
    }
    new TreeMap<>(sources).forEach((model, deploymentId) -> LOG.warn(
        "Model override in force: {} comes from deployment {} (an approved PMO edit or an operator's deployment), "
            + "not from the shipped file; it stays active until a release changes the shipped file", model, deploymentId));
  }

  private void load(String location, String prefix, List<String> suffixes, Map<String, ModelFile> into) {
    String root = location.endsWith("/") ? location : location + "/";
    try {
      org.springframework.core.io.Resource rootResource = resolver.getResource(root);
      if (!rootResource.exists()) {
        LOG.warn("Model folder {} does not exist; nothing deployed from it", root);
        return;
      }
      String rootUrl = rootResource.getURL().toString();
      for (String suffix : suffixes) {
        for (org.springframework.core.io.Resource resource : resolver.getResources(root + "**/*." + suffix)) {
          String url = resource.getURL().toString();
          if (!url.startsWith(rootUrl)) {
            throw new ModelDeploymentException("Model " + url + " is not below " + rootUrl);
          }
          String name = prefix + url.substring(rootUrl.length());
          try (InputStream in = resource.getInputStream()) {
            into.put(name, new ModelFile(name, in.readAllBytes()));
          }
        }
      }
    } catch (IOException e) {
      throw new ModelDeploymentException("Cannot read models from " + root + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, String> formFilesById(Map<String, ModelFile.Parsed> parsed) {
    Map<String, String> byId = new HashMap<>();
    parsed.forEach((name, info) -> {
      if (info.formId() != null) {
        String earlier = byId.put(info.formId(), name);
        if (earlier != null) {
          throw new ModelDeploymentException("Invalid model " + name + ": form id '" + info.formId()
              + "' is already used by " + earlier);
        }
      }
    });
    return byId;
  }

  private static void checkFormReferences(Map<String, ModelFile.Parsed> parsed, Map<String, String> formFileById) {
    parsed.forEach((name, info) -> info.formRefs().forEach(ref -> {
      if (!formFileById.containsKey(ref)) {
        throw new ModelDeploymentException("Invalid model " + name + ": camunda:formRef '" + ref
            + "' (binding deployment) names no form in forms/; known forms: "
            + new TreeMap<>(formFileById).keySet());
      }
    }));
  }

  private Set<String> resourcesToDeploy(
      Map<String, ModelFile> files, Map<String, ModelFile.Parsed> parsed, Map<String, String> formFileById) {
    Map<String, byte[]> deployed = latestDeployedResources(files.keySet());
    Set<String> changed = files.values().stream()
        .filter(file -> !file.sameContentAs(deployed.get(file.name())))
        .map(ModelFile::name)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    if (changed.isEmpty()) {
      return changed;
    }
    Set<String> result = new LinkedHashSet<>(changed);
    // A changed form: every process that binds it by deployment gets a version that carries it.
    Set<String> changedFormIds = changed.stream()
        .map(name -> parsed.get(name).formId())
        .filter(java.util.Objects::nonNull)
        .collect(Collectors.toSet());
    parsed.forEach((name, info) -> {
      if (info.formRefs().stream().anyMatch(changedFormIds::contains)) {
        result.add(name);
      }
    });
    // Every process deployed now takes the forms it binds by deployment along.
    for (String name : List.copyOf(result)) {
      parsed.get(name).formRefs().forEach(ref -> result.add(formFileById.get(ref)));
    }
    LOG.info("Models changed: {}; deploying {}", changed, result);
    return result;
  }

  private Map<String, byte[]> latestDeployedResources(Set<String> names) {
    Map<String, byte[]> latest = new HashMap<>();
    List<Deployment> deployments = repositoryService.createDeploymentQuery()
        .deploymentName(properties.deploymentName())
        .deploymentSource(SOURCE)
        .orderByDeploymentTime().desc()
        .list();
    for (Deployment deployment : deployments) {
      if (latest.keySet().containsAll(names)) {
        break;
      }
      for (Resource resource : repositoryService.getDeploymentResources(deployment.getId())) {
        latest.putIfAbsent(resource.getName(), resource.getBytes());
      }
    }
    return latest;
  }

  private DeploymentWithDefinitions deploy(Map<String, ModelFile> files, Set<String> names) {
    DeploymentBuilder builder = repositoryService.createDeployment()
        .name(properties.deploymentName())
        .source(SOURCE)
        // Cluster safety: under the engine's deployment lock, skip if another node just deployed the same.
        .enableDuplicateFiltering(false);
    names.forEach(name -> builder.addInputStream(name, new ByteArrayInputStream(files.get(name).content())));
    try {
      DeploymentWithDefinitions deployment = builder.deployWithResult();
      List<String> definitions = new ArrayList<>();
      if (deployment.getDeployedProcessDefinitions() != null) {
        for (ProcessDefinition definition : deployment.getDeployedProcessDefinitions()) {
          definitions.add(definition.getKey() + " v" + definition.getVersion());
        }
      }
      if (deployment.getDeployedDecisionDefinitions() != null) {
        deployment.getDeployedDecisionDefinitions()
            .forEach(d -> definitions.add(d.getKey() + " v" + d.getVersion()));
      }
      LOG.info("Deployed {} resources as deployment {}: {}", names.size(), deployment.getId(), definitions);
      return deployment;
    } catch (ParseException e) {
      throw new ModelDeploymentException(describe(e), e);
    } catch (ProcessEngineException e) {
      throw new ModelDeploymentException("Deployment of " + names + " failed: " + e.getMessage(), e);
    }
  }

  private static String describe(ParseException e) {
    StringBuilder message = new StringBuilder();
    for (ResourceReport report : e.getResorceReports()) {
      if (report.getErrors().isEmpty()) {
        continue;
      }
      message.append(message.isEmpty() ? "" : "; ").append("Invalid model ").append(report.getResourceName()).append(": ");
      message.append(report.getErrors().stream()
          .map(problem -> problem.getMessage()
              + (problem.getMainElementId() != null ? " (element " + problem.getMainElementId() + ")" : "")
              + (problem.getLine() > 0 ? " at line " + problem.getLine() : ""))
          .collect(Collectors.joining("; ")));
    }
    return message.isEmpty() ? e.getMessage() : message.toString();
  }
}
