package io.hitgov.risk;

import io.hitgov.risk.RiskRecords.Risk;
import io.hitgov.risk.RiskRecords.RiskEvent;
import io.hitgov.shared.process.Readable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Readable values for the risk forms (docs/conventions.md#readable-forms), set as task-local
 * variables when a risk task is created: the risk's title, band and score as the register holds
 * them now, its category and owner in words, and its history (the register's events, newest
 * first). Called by the engine's Spring event bridge, so the models stay unchanged.
 */
@Component
class RiskFormDisplay {

  static final int HISTORY_LINES = 10;

  private final RiskRepository repository;
  private final Readable readable;

  RiskFormDisplay(RiskRepository repository, Readable readable) {
    this.repository = repository;
    this.readable = readable;
  }

  @EventListener
  public void onCreate(DelegateTask task) {
    if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
      readable.asSystem(() -> {
        if (Readable.ofProcess(task, RiskEscalationProcess.KEY)) {
          repository.find(task.getExecution().getProcessBusinessKey()).ifPresent(risk -> shown(task, risk));
        }
      });
    }
  }

  private void shown(DelegateTask task, Risk risk) {
    task.setVariablesLocal(values(risk));
    task.setVariableLocal("escalationGroupName", Readable.group(task.getVariable("escalationGroup")));
    for (String due : List.of(RiskEscalationProcess.Variables.ESCALATION_DUE, RiskEscalationProcess.Variables.RCA_DUE,
        RiskEscalationProcess.Variables.NEXT_REVIEW_DUE)) {
      task.setVariableLocal(due + "Text", Readable.dateTime(task.getVariable(due)));
    }
  }

  Map<String, Object> values(Risk risk) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("riskTitle", risk.title());
    values.put("riskCategoryText", Readable.words(risk.category()));
    values.put("riskBandText", Readable.words(risk.band()));
    values.put("riskScoreText", (risk.score() == null ? "—" : risk.score() + " of 25") + " (likelihood "
        + risk.likelihood() + " × impact " + risk.impact() + ")");
    values.put("riskOwnerName", risk.owner() == null ? "no owner yet" : readable.user(risk.owner()));
    values.put("riskRaisedText", Readable.date(risk.raisedAt() == null ? null : risk.raisedAt().toString())
        + " by " + readable.user(risk.raisedBy()));
    values.put("riskHistoryText", history(repository.events(risk.riskId())));
    return values;
  }

  /** The newest events first, one Markdown list item each: date, what happened, band and score then, who. */
  String history(List<RiskEvent> events) {
    if (events.isEmpty()) {
      return "- nothing recorded yet";
    }
    List<RiskEvent> newestFirst = new java.util.ArrayList<>(events);
    java.util.Collections.reverse(newestFirst);
    return newestFirst.stream().limit(HISTORY_LINES).map(e -> "- " + Readable.date(e.at() == null ? null
            : e.at().toString()) + ": " + Readable.words(e.event())
            + (e.band() == null ? "" : ", " + Readable.words(e.band()) + (e.score() == null ? "" : " " + e.score()))
            + (e.actor() == null ? "" : ", " + readable.user(e.actor()))
            + (e.details() == null || e.details().isBlank() ? "" : ": " + e.details()))
        .collect(Collectors.joining("\n"));
  }
}
