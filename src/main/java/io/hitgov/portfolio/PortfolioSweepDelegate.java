package io.hitgov.portfolio;

import io.hitgov.portfolio.PortfolioWatchProcess.Variables;
import io.hitgov.shared.process.ModelCallable;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Sweeps the portfolio ({@link PortfolioWatch}) and leaves the counts on the watch's instance. */
@Component
@ModelCallable(processes = PortfolioWatchProcess.KEY)
class PortfolioSweepDelegate implements JavaDelegate {

  private final PortfolioWatch watch;
  private final HistoryService history;

  PortfolioSweepDelegate(PortfolioWatch watch, HistoryService history) {
    this.watch = watch;
    this.history = history;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var instance = history.createHistoricProcessInstanceQuery().processInstanceId(execution.getProcessInstanceId())
        .singleResult();
    String startedBy = instance == null ? null : instance.getStartUserId();
    PortfolioWatch.Sweep sweep = watch.sweep(startedBy == null ? "timer" : startedBy);
    execution.setVariable(Variables.PROJECTS, sweep.projects());
    execution.setVariable(Variables.RAISED, sweep.raised());
    execution.setVariable(Variables.RESOLVED, sweep.resolved());
    execution.setVariable(Variables.OPEN, sweep.open());
  }
}
