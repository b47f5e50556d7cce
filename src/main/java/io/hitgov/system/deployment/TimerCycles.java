package io.hitgov.system.deployment;

import io.hitgov.shared.process.TimerCycle;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.calendar.CronTimer;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimeCycle;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Applies the configured {@link TimerCycle}s to the shipped models at start-up deployment
 * (docs/model-policy.md#configured-timer-cycles). A cycle is a literal: a Camunda cron expression or
 * an ISO 8601 repeating interval; anything else (an expression above all) stops start-up with a
 * message naming the property. A model whose cycle already equals the configured one keeps its
 * bytes, so an unchanged setting never makes a new version.
 */
final class TimerCycles {

  private static final Pattern REPEATING_INTERVAL = Pattern.compile("R\\d*/[^$#{}]+");

  private final List<TimerCycle> cycles;

  TimerCycles(List<TimerCycle> cycles) {
    cycles.forEach(TimerCycles::check);
    this.cycles = List.copyOf(cycles);
  }

  /** The file's content with every configured cycle of its process applied. */
  ModelFile apply(ModelFile file) {
    if (file.kind() != ModelFile.Kind.BPMN) {
      return file;
    }
    ModelFile result = file;
    for (TimerCycle cycle : cycles) {
      if (declares(result, cycle.processKey())) {
        result = new ModelFile(result.name(), withCycle(result, cycle));
      }
    }
    return result;
  }

  /** Refuses a cycle that is not a literal cron expression or repeating interval. */
  static void check(TimerCycle cycle) {
    String value = cycle.cycle() == null ? "" : cycle.cycle().trim();
    if (value.startsWith("R")) {
      if (!REPEATING_INTERVAL.matcher(value).matches()) {
        throw refused(cycle, "an ISO 8601 repeating interval looks like R/PT1H");
      }
      return;
    }
    if (value.contains("$") || value.contains("#")) {
      throw refused(cycle, "expressions are not allowed here");
    }
    try {
      CronTimer.parse(value);
    } catch (ParseException | RuntimeException e) {
      throw refused(cycle, e.getMessage());
    }
  }

  private static ModelDeploymentException refused(TimerCycle cycle, String why) {
    return new ModelDeploymentException(cycle.property() + " = '" + ExpressionRules.clip(String.valueOf(cycle.cycle()))
        + "' is not a timer cycle (a Camunda cron expression such as '0 5 * * * ?' or an ISO 8601 repeating interval "
        + "such as 'R/PT1H'): " + why);
  }

  private static boolean declares(ModelFile file, String processKey) {
    return new String(file.content(), StandardCharsets.UTF_8).contains("id=\"" + processKey + "\"");
  }

  private static byte[] withCycle(ModelFile file, TimerCycle cycle) {
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(file.content()));
    ModelElementInstance process = model.getModelElementById(cycle.processKey());
    ModelElementInstance start = model.getModelElementById(cycle.startEventId());
    TimeCycle timeCycle = null;
    if (process instanceof Process && start instanceof StartEvent event && event.getParentElement() == process) {
      timeCycle = event.getEventDefinitions().stream().filter(TimerEventDefinition.class::isInstance)
          .map(d -> ((TimerEventDefinition) d).getTimeCycle()).findFirst().orElse(null);
    }
    if (timeCycle == null) {
      throw new ModelDeploymentException(cycle.property() + " sets the timer cycle of " + cycle.processKey() + "/"
          + cycle.startEventId() + ", but " + file.name() + " has no top-level timer start event with a cycle by that id");
    }
    if (cycle.cycle().trim().equals(timeCycle.getTextContent().trim())) {
      return file.content();
    }
    timeCycle.setTextContent(cycle.cycle().trim());
    return Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8);
  }
}
