package io.hitgov.change;

import io.hitgov.shared.process.TransactionMemo;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * The latest deployed {@link ChangeRequestProcess#ROUTING_DECISION}, asked once per transaction: the
 * routing of an assessed change and the approval forms it creates (their routing explanation) use
 * the same version. A deployment is a new transaction's answer at once; nothing is kept beyond one.
 */
@Component
class LatestRoutingDecision {

  private final RepositoryService repositoryService;
  private final TransactionMemo<String, DecisionDefinition> memo = new TransactionMemo<>();

  LatestRoutingDecision(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  /** The latest version, or null when none is deployed. */
  DecisionDefinition get() {
    DecisionDefinition remembered = memo.get(ChangeRequestProcess.ROUTING_DECISION);
    if (remembered != null) {
      return remembered;
    }
    DecisionDefinition latest = repositoryService.createDecisionDefinitionQuery()
        .decisionDefinitionKey(ChangeRequestProcess.ROUTING_DECISION).latestVersion().singleResult();
    if (latest != null) {
      memo.put(ChangeRequestProcess.ROUTING_DECISION, latest);
    }
    return latest;
  }
}
