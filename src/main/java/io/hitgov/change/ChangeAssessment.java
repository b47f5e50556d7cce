package io.hitgov.change;

import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.TaskFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * A change's impact assessment and its routing: the assessor's answers ({@link ChangeAnswers}), then
 * ChangeRoutingDecision over everything known, naming the groups that must approve.
 */
@Service
public class ChangeAssessment {

  /** What the routing decided: the matched rules and the union of their groups. */
  public record Routing(List<String> rules, List<String> groups, String summary) {}

  private final ChangeRepository repository;
  private final ChangeLog log;
  private final DecisionService decisionService;
  private final LatestRoutingDecision latestRouting;

  ChangeAssessment(ChangeRepository repository, ChangeLog log, DecisionService decisionService,
      LatestRoutingDecision latestRouting) {
    this.repository = repository;
    this.log = log;
    this.decisionService = decisionService;
    this.latestRouting = latestRouting;
  }

  /** Records the assessment (400 naming each bad answer); the answers as one line for the approvers. */
  public String recordAssessment(String id, Map<String, Object> answers, String user) {
    List<String> problems = ChangeAnswers.assessment(answers);
    if (!problems.isEmpty()) {
      throw new InvalidVariablesException(problems);
    }
    Object scope = answers.get("scopeChange");
    Object risk = answers.get("changeRisk");
    String summary = answers.entrySet().stream().filter(e -> e.getValue() != null && !"".equals(e.getValue()))
        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
    repository.update(id, new Object[] {"assessed_by", user, "assessment", TaskFields.clipped(summary),
        "change_risk", risk, "scope_change", scope, "status", "ASSESSED"});
    log.event(id, user, "ASSESSED", "risk " + risk + ", scope " + scope);
    return summary;
  }

  /** Evaluates ChangeRoutingDecision with everything known about the change. */
  public Routing route(String id, Map<String, Object> inputs) {
    // the latest version, evaluated by its id: the version recorded is the one that routed (and the
    // engine finds it in its deployment cache instead of asking the database for the latest again)
    DecisionDefinition definition = latestRouting.get();
    if (definition == null) {
      throw new IllegalStateException(ChangeRequestProcess.ROUTING_DECISION + " is not deployed");
    }
    DmnDecisionResult result = decisionService.evaluateDecisionById(definition.getId())
        .variables(Variables.fromMap(inputs)).evaluate();
    Set<String> rules = new LinkedHashSet<>();
    Set<String> groups = new LinkedHashSet<>();
    Map<String, List<String>> byGroup = new LinkedHashMap<>();
    result.forEach(row -> {
      String rule = (String) row.get("ruleId");
      String group = (String) row.get("approverGroup");
      rules.add(rule);
      if (group != null) {
        groups.add(group);
        byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(rule);
      }
    });
    if (groups.isEmpty() && !"STANDARD".equals(repository.get(id).changeType())) {
      throw new IllegalStateException(ChangeRequestProcess.ROUTING_DECISION + " named no approver for " + id
          + " (rules " + rules + ")");
    }
    String summary = byGroup.entrySet().stream().map(e -> "- " + e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining("\n"));
    repository.update(id, new Object[] {"routing", String.join(",", rules),
        "required_approvals", String.join(",", groups),
        "routing_decision_version", definition.getVersion(), "status", "IN_APPROVAL"});
    log.event(id, null, "ROUTED", "rules " + rules + " -> " + groups);
    return new Routing(List.copyOf(rules), List.copyOf(groups), summary);
  }
}
