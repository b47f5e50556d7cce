package io.hitgov.portfolio;

import io.hitgov.shared.process.ProcessContract;
import io.hitgov.shared.process.VariableSchema;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The technical contract of {@code PortfolioWatchProcess} (docs/contract.md): a timer cycle (hourly)
 * or a PMO member ({@code POST /api/portfolio/watch}: the message {@code PortfolioWatchRequested})
 * starts it; it takes no variables.
 */
@Component
public final class PortfolioWatchProcess implements ProcessContract {

  public static final String KEY = "PortfolioWatchProcess";
  public static final String RESOURCE = "processes/portfolio-watch/PortfolioWatchProcess.bpmn";
  public static final String DECISION = "StalledProjectDecision";
  public static final String DECISION_RESOURCE = "processes/portfolio-watch/StalledProjectDecision.dmn";
  /** The message that starts a watch on demand (POST /api/portfolio/watch sends it as the caller). */
  public static final String WATCH_REQUESTED = "PortfolioWatchRequested";

  /** Element ids. */
  public static final class Elements {
    public static final String TIMER_START = "StartEvent_WatchDue";
    public static final String START = "StartEvent_WatchRequested";
    public static final String SWEEP = "ServiceTask_SweepPortfolio";

    private Elements() {}
  }

  /** The custom incident types the watch raises on a project's lifecycle instance. */
  public static final class IncidentTypes {
    public static final String STALLED_GO_LIVE = "stalledGoLive";
    public static final String STALLED_PHASE = "stalledPhase";
    public static final String OVERDUE_GATE = "overdueGate";
    public static final String STALE_PROJECT = "staleProject";
    public static final List<String> ALL = List.of(STALLED_GO_LIVE, STALLED_PHASE, OVERDUE_GATE, STALE_PROJECT);

    private IncidentTypes() {}
  }

  /** Variables the sweep leaves on its instance (counts, no project data). */
  public static final class Variables {
    public static final String PROJECTS = "projectsWatched";
    public static final String RAISED = "incidentsRaised";
    public static final String RESOLVED = "incidentsResolved";
    public static final String OPEN = "incidentsOpen";

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
