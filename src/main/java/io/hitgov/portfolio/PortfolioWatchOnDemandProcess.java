package io.hitgov.portfolio;

import io.hitgov.shared.process.ProcessContract;
import io.hitgov.shared.process.VariableSchema;
import org.springframework.stereotype.Component;

/**
 * The technical contract of {@code PortfolioWatchOnDemandProcess} (docs/contract.md): a PMO member
 * starts it from Tasklist (start form {@code RunPortfolioWatchForm}); its one step sends
 * {@link PortfolioWatchProcess#WATCH_REQUESTED} as that member, which starts the watch. Camunda allows
 * no none start event next to the watch's timer start, hence a process of its own.
 */
@Component
public final class PortfolioWatchOnDemandProcess implements ProcessContract {

  public static final String KEY = "PortfolioWatchOnDemandProcess";
  public static final String RESOURCE = "processes/portfolio-watch/PortfolioWatchOnDemandProcess.bpmn";
  public static final String START_FORM = "RunPortfolioWatchForm";

  /** Element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_WatchAsked";
    public static final String REQUEST = "SendTask_RequestWatch";

    private Elements() {}
  }

  /** Variables it leaves on its instance. */
  public static final class Variables {
    /** The {@code PortfolioWatchProcess} instance the request started. */
    public static final String WATCH_PROCESS_INSTANCE_ID = "watchProcessInstanceId";

    private Variables() {}
  }

  @Override
  public String key() {
    return KEY;
  }

  @Override
  public VariableSchema startVariables() {
    return VariableSchema.of();
  }
}
