package io.hitgov.portfolio;

import io.hitgov.shared.process.ModelCallable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Starts {@code PortfolioWatchProcess} for {@code PortfolioWatchOnDemandProcess} as the user who
 * started it from Tasklist (a synchronous step: that user's start authorization applies).
 */
@Component
@ModelCallable(processes = PortfolioWatchOnDemandProcess.KEY)
class PortfolioWatchRequestDelegate implements JavaDelegate {

  private final PortfolioApi portfolio;

  PortfolioWatchRequestDelegate(PortfolioApi portfolio) {
    this.portfolio = portfolio;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String watch = portfolio.requestWatch();
    execution.setVariable(PortfolioWatchOnDemandProcess.Variables.WATCH_PROCESS_INSTANCE_ID, watch);
  }
}
