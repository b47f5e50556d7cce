package io.hitgov.portfolio;

import io.hitgov.lifecycle.ProjectPortfolio;
import io.hitgov.lifecycle.ProjectPortfolio.ActiveProject;
import io.hitgov.portfolio.FindingRepository.OpenFinding;
import io.hitgov.risk.RiskPortfolio;
import io.hitgov.shared.process.EngineClock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * The read port for every active project's ratings as the portfolio rates them ({@link ProjectRag}),
 * for the monthly portfolio pack: a page of projects at a time by go-live date and id, four
 * statements per page (the page's ids, its projects, their open findings, their open risks' bands)
 * however many projects there are.
 */
@Service
public class PortfolioRatings {

  /** One active project's ratings. */
  public record Rating(String projectId, String projectName, String phase, String nextGate, LocalDate goLiveDate,
      ProjectRag.Rag rag) {}

  private final ProjectPortfolio projects;
  private final RiskPortfolio risks;
  private final FindingRepository findings;

  PortfolioRatings(ProjectPortfolio projects, RiskPortfolio risks, FindingRepository findings) {
    this.projects = projects;
    this.risks = risks;
    this.findings = findings;
  }

  /** Hands every active project's ratings to {@code each}, by go-live date, {@code pageSize} projects per read. */
  public void forEachRating(int pageSize, Consumer<Rating> each) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1");
    }
    LocalDate today = EngineClock.today();
    int tolerancePercent = projects.stallTolerancePercent();
    ProjectPortfolio.PageEnd after = null;
    do {
      ProjectPortfolio.Page page = projects.activeProjectsAfter(after, pageSize);
      List<String> ids = page.projects().stream().map(ActiveProject::projectId).toList();
      Map<String, List<OpenFinding>> incidents = ids.isEmpty() ? Map.of() : PortfolioView.byProject(findings.open(ids));
      Map<String, Map<String, Long>> bands = ids.isEmpty() ? Map.of() : risks.openBands(ids);
      for (ActiveProject p : page.projects()) {
        ProjectRag.Rag rag = PortfolioView.rag(p, today, tolerancePercent, incidents.getOrDefault(p.projectId(),
            List.of()).stream().map(OpenFinding::incidentType).toList(), bands.getOrDefault(p.projectId(), Map.of())
            .entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList());
        each.accept(new Rating(p.projectId(), p.projectName(), p.currentPhase(), p.nextGate(), p.goLiveDate(), rag));
      }
      after = page.next();
    } while (after != null);
  }
}
