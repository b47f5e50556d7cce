package io.hitgov.system.deployment;

import io.hitgov.system.deployment.PendingDeployments.Submission;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Four-eyes on policy: a PMO's model deployment is stored as pending (whatever path it came by:
 * the deploy command itself is intercepted by {@link DeploymentGate}); a second PMO member or an
 * operator approves it, and only then is it deployed. Also answers "which version of each model is
 * active, and where did it come from".
 */
@Service
public class ModelGovernance {

  private static final ThreadLocal<Boolean> APPROVED = ThreadLocal.withInitial(() -> false);

  private final PendingDeployments store;
  private final RepositoryService repositoryService;
  private final TransactionTemplate ownTransaction;
  private final TransactionTemplate transaction;
  private final String appVersion;

  ModelGovernance(PendingDeployments store, @Lazy RepositoryService repositoryService,
      PlatformTransactionManager transactionManager, ObjectProvider<BuildProperties> build) {
    this.store = store;
    this.repositoryService = repositoryService;
    this.transaction = new TransactionTemplate(transactionManager);
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    BuildProperties info = build.getIfAvailable();
    this.appVersion = info == null ? "development" : info.getVersion();
  }

  /** The application version recorded with every deployment (build info; "development" without it). */
  public String appVersion() {
    return appVersion;
  }

  /** True while an approved submission is being deployed on this thread. */
  static boolean approvedDeploymentInProgress() {
    return APPROVED.get();
  }

  /** Stores a deployment for approval, committed on its own (the engine's transaction rolls back). */
  String submit(String name, String source, String tenantId, String submittedBy, Map<String, byte[]> resources) {
    return ownTransaction.execute(status -> store.submit(name, source, tenantId, submittedBy, appVersion, resources));
  }

  /**
   * Records a deployment that needed no approval, inside the engine's deploy command (so in its
   * transaction): the start-up deployment ({@code system}) or an operator's. Approved submissions are
   * recorded by {@link #approve}.
   */
  void recordDirect(String engineDeploymentId, String name, String source, String tenantId, String deployedBy,
      Map<String, byte[]> resources) {
    store.recordDeployed(engineDeploymentId, name, source, tenantId, deployedBy, appVersion, resources);
  }

  /** The application version that made each recorded engine deployment. */
  Map<String, String> appVersionsByDeployment() {
    return store.appVersionsByEngineDeployment();
  }

  /** Deploys a pending submission: by someone other than its submitter; re-checked against the policy. */
  public DeploymentWithDefinitions approve(String id, String approver, String comment) {
    return transaction.execute(status -> {
      Submission submission = pending(id);
      if (Objects.equals(submission.submittedBy(), approver)) {
        throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Model deployment " + id + " was submitted by "
            + approver + "; a second PMO member or an operator must approve it (four eyes)");
      }
      // the source names the approval, so an approved edit can never pass for the shipped models
      DeploymentBuilder builder = repositoryService.createDeployment().name(submission.name())
          .source("approved " + id);
      if (submission.tenantId() != null) {
        builder.tenantId(submission.tenantId());
      }
      store.contents(id).forEach((name, bytes) -> builder.addInputStream(name, new ByteArrayInputStream(bytes)));
      DeploymentWithDefinitions deployment;
      APPROVED.set(true);
      try {
        deployment = builder.deployWithResult();
      } finally {
        APPROVED.remove();
      }
      store.decide(id, PendingDeployments.DEPLOYED, approver, comment, deployment.getId(), appVersion);
      return deployment;
    });
  }

  public void reject(String id, String reviewer, String comment) {
    transaction.executeWithoutResult(status -> {
      pending(id);
      store.decide(id, PendingDeployments.REJECTED, reviewer, comment, null, appVersion);
    });
  }

  private Submission pending(String id) {
    Submission submission = store.lock(id).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "No model deployment " + id));
    if (!PendingDeployments.PENDING.equals(submission.state())) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "Model deployment " + id + " is already "
          + submission.state().toLowerCase(java.util.Locale.ROOT) + " (by " + submission.decidedBy() + ")");
    }
    return submission;
  }

  public List<Map<String, Object>> submissions(String state) {
    return store.list(state).stream().map(s -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", s.deploymentId());
      row.put("state", s.state());
      row.put("name", s.name());
      row.put("source", s.source());
      row.put("submittedBy", s.submittedBy());
      row.put("submittedAt", s.submittedAt());
      row.put("appVersion", s.appVersion());
      row.put("decidedBy", s.decidedBy());
      row.put("decidedAt", s.decidedAt());
      row.put("comment", s.decisionComment());
      row.put("engineDeploymentId", s.engineDeploymentId());
      row.put("resources", store.resources(s.deploymentId()));
      row.put("audit", store.events(s.deploymentId()));
      return row;
    }).toList();
  }

  /** Each process and decision key: its active (latest) version, resource and where it came from. */
  public List<Map<String, Object>> activeModels() {
    Map<String, Submission> approved = store.byEngineDeployment();
    Map<String, Deployment> deployments = new LinkedHashMap<>();
    java.util.ArrayList<Map<String, Object>> rows = new java.util.ArrayList<>();
    for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion()
        .orderByProcessDefinitionKey().asc().list()) {
      rows.add(row("process", definition.getKey(), definition.getVersion(), definition.getResourceName(),
          definition.getDeploymentId(), deployments, approved));
    }
    for (DecisionDefinition definition : repositoryService.createDecisionDefinitionQuery().latestVersion()
        .orderByDecisionDefinitionKey().asc().list()) {
      rows.add(row("decision", definition.getKey(), definition.getVersion(), definition.getResourceName(),
          definition.getDeploymentId(), deployments, approved));
    }
    return rows;
  }

  private Map<String, Object> row(String kind, String key, int version, String resource, String deploymentId,
      Map<String, Deployment> deployments, Map<String, Submission> approved) {
    Deployment deployment = deployments.computeIfAbsent(deploymentId,
        id -> repositoryService.createDeploymentQuery().deploymentId(id).singleResult());
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("kind", kind);
    row.put("key", key);
    row.put("version", version);
    row.put("resource", resource);
    row.put("deploymentId", deploymentId);
    row.put("deployedAt", deployment == null ? null : deployment.getDeploymentTime());
    String source = deployment == null ? null : deployment.getSource();
    Submission record = approved.get(deploymentId);
    boolean wasApproved = record != null && record.decidedBy() != null;
    row.put("source", wasApproved ? "approved" : ModelDeployer.SOURCE.equals(source) ? "shipped" : "direct");
    row.put("deploymentSource", source);
    if (wasApproved) {
      row.put("submittedBy", record.submittedBy());
      row.put("approvedBy", record.decidedBy());
    } else if (record != null) {
      row.put("deployedBy", record.submittedBy());
    }
    if (record != null) {
      row.put("appVersion", record.appVersion());
      row.put("modelDeploymentId", record.deploymentId());
    }
    return row;
  }
}
