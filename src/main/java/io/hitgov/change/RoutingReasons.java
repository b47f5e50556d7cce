package io.hitgov.change;

import io.hitgov.shared.process.Readable;
import io.hitgov.shared.process.RememberingFeelEngine;
import io.hitgov.shared.process.TransactionMemo;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

/**
 * Why an approver is asked, in words: evaluates the latest ChangeRoutingDecision again with the
 * change's inputs, on a DMN engine of its own that writes no history (its FEEL remembers, see
 * {@link RememberingFeelEngine}), and names each matched row
 * with its annotation (the row's description in the table, e.g. "C3: cost impact over 25,000 USD
 * up to 100,000 USD needs the PMO"). The PMO edits those annotations with the rows.
 */
@Component
class RoutingReasons {

  /** The rows one evaluation matched, handed from the engine's listener to the caller on the same thread. */
  private static final ThreadLocal<List<String>> MATCHED = new ThreadLocal<>();

  private final RepositoryService repositoryService;
  private final LatestRoutingDecision latestRouting;
  private final DmnEngine engine;
  private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();
  private final TransactionMemo<Evaluation, List<String>> evaluated = new TransactionMemo<>();

  private record Parsed(DmnDecision decision, DmnModelInstance model) {}

  RoutingReasons(RepositoryService repositoryService, LatestRoutingDecision latestRouting) {
    this.repositoryService = repositoryService;
    this.latestRouting = latestRouting;
    this.engine = RememberingFeelEngine.dmnEngineConfiguration()
        .customPostDecisionTableEvaluationListeners(List.of((DmnDecisionTableEvaluationEvent event) -> {
          List<String> matched = MATCHED.get();
          if (matched != null) {
            event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).forEach(matched::add);
          }
        }))
        .buildEngine();
  }

  /**
   * Markdown: the rows that ask {@code group}, then those that ask the other approvers, each with
   * its rule's meaning and the approving group's name.
   */
  String explain(Map<String, Object> inputs, String group) {
    DecisionDefinition definition = latestRouting.get();
    if (definition == null) {
      return "—";
    }
    Parsed table = parsed.computeIfAbsent(definition.getId(), id -> parse(definition));
    List<String> matched = matched(definition.getId(), table, inputs);
    List<String> mine = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (String ruleId : matched) {
      Rule rule = table.model().getModelElementById(ruleId);
      String approver = approverOf(rule);
      String meaning = rule.getDescription() == null ? ruleId : rule.getDescription().getTextContent().strip();
      if (approver == null) {
        continue;
      }
      String line = "- " + meaning + " (" + Readable.group(approver) + ")";
      (approver.equals(group) ? mine : others).add(line);
    }
    StringBuilder text = new StringBuilder(mine.isEmpty() ? "- " + Readable.group(group)
        + " decides for the group it escalated from" : String.join("\n", mine));
    if (!others.isEmpty()) {
      text.append("\n\nThe other approvers are asked because:\n\n").append(String.join("\n", others));
    }
    return text.toString();
  }

  /**
   * The rows the table matches for these inputs: evaluated once per transaction (an assessment creates
   * one approval task per approver, each explaining the same routing).
   */
  private List<String> matched(String definitionId, Parsed table, Map<String, Object> inputs) {
    Evaluation evaluation = new Evaluation(definitionId, new HashMap<>(inputs));
    List<String> remembered = evaluated.get(evaluation);
    if (remembered != null) {
      return remembered;
    }
    List<String> matched = new ArrayList<>();
    MATCHED.set(matched);
    try {
      engine.evaluateDecision(table.decision(), Variables.fromMap(inputs));
    } finally {
      MATCHED.remove();
    }
    evaluated.put(evaluation, List.copyOf(matched));
    return matched;
  }

  private record Evaluation(String definitionId, Map<String, Object> inputs) {}

  private static String approverOf(Rule rule) {
    var entries = new ArrayList<>(rule.getOutputEntries());
    if (entries.size() < 2) {
      return null;
    }
    String text = entries.get(1).getText() == null ? "" : entries.get(1).getText().getTextContent().strip();
    return text.length() > 2 && text.startsWith("\"") ? text.substring(1, text.length() - 1) : null;
  }

  private Parsed parse(DecisionDefinition definition) {
    DmnModelInstance model;
    try (InputStream xml = repositoryService.getDecisionModel(definition.getId())) {
      model = Dmn.readModelFromStream(xml);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new Parsed(engine.parseDecision(definition.getKey(), model), model);
  }
}
