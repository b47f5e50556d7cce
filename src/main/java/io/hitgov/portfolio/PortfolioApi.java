package io.hitgov.portfolio;

import io.hitgov.lifecycle.ProjectPortfolio;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/** What the portfolio's web layer asks: a page of the portfolio, the heat map, a watch run. */
@Service
public class PortfolioApi {

  private final PortfolioView view;
  private final ProjectPortfolio projects;
  private final RuntimeService runtime;

  PortfolioApi(PortfolioView view, ProjectPortfolio projects, RuntimeService runtime) {
    this.view = view;
    this.projects = projects;
    this.runtime = runtime;
  }

  public Map<String, Object> page(String projectId, boolean stalledOnly, int page, int size) {
    return view.page(projectId, stalledOnly, page, size);
  }

  public Map<String, Object> heatMap(String projectId) {
    return view.heatMap(projectId);
  }

  public boolean isActive(String projectId) {
    return projects.countActive(projectId) > 0;
  }

  /** Sends {@code PortfolioWatchRequested} as the authenticated user; the new watch's process instance id. */
  public String requestWatch() {
    ProcessInstance instance = runtime.startProcessInstanceByMessage(PortfolioWatchProcess.WATCH_REQUESTED);
    return instance.getId();
  }

  /** Starts PortfolioWatchProcess as the authenticated user (their start authorization applies). */
  public Map<String, Object> startWatch() {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("processInstanceId", requestWatch());
    answer.put("status", "the sweep runs as a job; incidents appear in Cockpit and at /engine-rest/incident");
    return answer;
  }
}
