package io.hitgov.lifecycle;

import io.hitgov.lifecycle.LifecycleRecords.Checkpoint;
import io.hitgov.shared.process.Readable;
import io.hitgov.shared.process.TaskFields;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.springframework.stereotype.Component;

/**
 * The go-live readiness texts in words (docs/conventions.md#readable-forms): the scoring a checkpoint
 * or the G6 scorecard leaves in {@code readinessSummary} and the gate record, the last scoring a gate
 * review opens with, and the scorecard line of a signatory's form. The outcome is written in words
 * ("No go"), each criterion as its id and short name ("R04 Downtime procedures and kits"), taken from
 * the label of its input in the latest deployed {@code GoLiveReadinessDecision}: the PMO renames a
 * criterion by redeploying the table. A criterion without a label is named by its id. The names are
 * read once per deployed decision definition (a definition never changes, a redeployment is a new
 * one), so a text costs at most the one query for the latest version, and none without red criteria.
 */
@Component
public class ReadinessWording {

  /** The criteria's names in one version of the table ({@code version} null when the table is not deployed). */
  public record Names(Integer version, Map<String, String> byId) {

    static final Names NONE = new Names(null, Map.of());

    /** "R04 Downtime procedures and kits", or the id when the table gives no label. */
    public String of(String id) {
      return byId.getOrDefault(id, id);
    }

    String list(List<String> ids) {
      return ids.stream().map(this::of).collect(Collectors.joining(", "));
    }
  }

  /** Longest short name after the id; a longer label is cut at a comma (or, failing that, mid-word). */
  static final int SHORT = 60;
  private static final Pattern VARIABLE = Pattern.compile("^\\s*([A-Za-z]\\d+)\\b");
  private static final Pattern LABEL_ID = Pattern.compile("^(R\\d+)\\b");

  private final RepositoryService repositoryService;
  private final Readable readable;
  private final Map<String, Map<String, String>> parsed = new ConcurrentHashMap<>();

  ReadinessWording(RepositoryService repositoryService, Readable readable) {
    this.repositoryService = repositoryService;
    this.readable = readable;
  }

  /** The names in the latest deployed version of the table (read as system: a display look-up). */
  public Names latest() {
    return readable.readAsSystem(() -> {
      DecisionDefinition definition = repositoryService.createDecisionDefinitionQuery()
          .decisionDefinitionKey(ImplementationLifecycleProcess.READINESS_DECISION).latestVersion().singleResult();
      if (definition == null) {
        return Names.NONE;
      }
      if (parsed.size() > 32) {
        parsed.clear();
      }
      return new Names(definition.getVersion(), parsed.computeIfAbsent(definition.getId(), id -> names(definition)));
    });
  }

  /**
   * "T-7 (7 days before go-live): No go; hard red: R04 Downtime procedures and kits; no-go proposed
   * for G6" followed by {@code reasons} (the computed criteria's reasons, each starting with "; ").
   */
  public String scoring(String checkpoint, int daysToGoLive, String outcome, List<String> redHard,
      List<String> redSoft, boolean noGoProposed, String reasons, Names names) {
    return TaskFields.clipped(checkpoint + " (" + daysToGoLive + " days before go-live): " + Readable.words(outcome)
        + (redHard.isEmpty() ? "" : "; hard red: " + names.list(redHard))
        + (redSoft.isEmpty() ? "" : "; soft red: " + names.list(redSoft))
        + (noGoProposed ? "; no-go proposed for G6" : "") + (reasons == null ? "" : reasons));
  }

  /** The project's last scoring as {@link #scoring} words it (without the computed reasons), or "not scored yet". */
  public String last(List<Checkpoint> trend, boolean noGoProposed) {
    if (trend.isEmpty()) {
      return "not scored yet";
    }
    Checkpoint last = trend.get(trend.size() - 1);
    List<String> hard = ids(last.redHard());
    List<String> soft = ids(last.redSoft());
    return scoring(last.checkpoint(), last.daysToGoLive(), last.outcome(), hard, soft, noGoProposed, null,
        names(hard, soft));
  }

  /**
   * A signatory's scorecard line: "No go at G6 (Tue 8 Dec 2026): red R04 Downtime procedures and kits ·
   * amber none · green 19 of 20 criteria" (red = a hard criterion not met, amber = a soft one).
   */
  public String brief(int applicable, List<Checkpoint> trend) {
    if (trend.isEmpty()) {
      return "not scored yet (the PMO scores it from T-90 and at G6)";
    }
    Checkpoint last = trend.get(trend.size() - 1);
    List<String> red = ids(last.redHard());
    List<String> amber = ids(last.redSoft());
    Names names = names(red, amber);
    return TaskFields.clipped(Readable.words(last.outcome()) + " at " + last.checkpoint() + " ("
        + Readable.date(last.scoredAt()) + "): red " + (red.isEmpty() ? "none" : names.list(red)) + " · amber "
        + (amber.isEmpty() ? "none" : names.list(amber)) + " · green "
        + Math.max(0, applicable - red.size() - amber.size()) + " of " + applicable + " criteria");
  }

  /** The ids of a checkpoint's comma-separated column. */
  static List<String> ids(String column) {
    return column == null || column.isBlank() ? List.of() : Arrays.asList(column.split(","));
  }

  private Names names(List<String> hard, List<String> soft) {
    return hard.isEmpty() && soft.isEmpty() ? Names.NONE : latest();
  }

  private Map<String, String> names(DecisionDefinition definition) {
    DmnModelInstance model;
    try (InputStream xml = repositoryService.getDecisionModel(definition.getId())) {
      model = Dmn.readModelFromStream(xml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> names = new LinkedHashMap<>();
    if (model.getModelElementById(definition.getKey()) instanceof Decision decision
        && decision.getExpression() instanceof DecisionTable table) {
      for (Input input : table.getInputs()) {
        String label = input.getLabel() == null ? "" : input.getLabel().strip();
        String id = criterionId(input, label);
        if (id != null && !label.isEmpty()) {
          names.put(id, shortName(id, label));
        }
      }
    }
    return Map.copyOf(names);
  }

  /** The criterion an input scores: its variable ({@code r04 = true} is R04), else the label's leading id. */
  private static String criterionId(Input input, String label) {
    String expression = input.getInputExpression() == null || input.getInputExpression().getText() == null ? ""
        : input.getInputExpression().getText().getTextContent();
    Matcher variable = VARIABLE.matcher(expression);
    if (variable.find()) {
      return variable.group(1).toUpperCase(Locale.ROOT);
    }
    Matcher labelled = LABEL_ID.matcher(label);
    return labelled.find() ? labelled.group(1) : null;
  }

  /**
   * "R04 Downtime procedures and kits (paper for 8 h or more, ...)" as "R04 Downtime procedures and
   * kits": the label up to its first " (" or ";" (unless that leaves too little to read), at most
   * {@link #SHORT} characters, always with the id in front.
   */
  static String shortName(String id, String label) {
    String text = label.regionMatches(true, 0, id, 0, id.length()) ? label.substring(id.length()).strip() : label;
    if (text.isEmpty()) {
      return id;
    }
    int cut = firstOf(text, " (", ";");
    String name = cut >= 12 ? text.substring(0, cut).strip() : text;
    if (name.length() > SHORT) {
      int comma = name.lastIndexOf(", ", SHORT);
      name = comma >= 12 ? name.substring(0, comma) : name.substring(0, SHORT - 1).strip() + "…";
    }
    return id + " " + name;
  }

  private static int firstOf(String text, String... marks) {
    int first = -1;
    for (String mark : marks) {
      int at = text.indexOf(mark);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    return first;
  }
}
