package io.hitgov.risk;

import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationContext;

/**
 * What tests outside {@code risk} may read of the risk register: the fields they assert on, as
 * public test records. The rows and the repository stay package-private (ArchitectureTest).
 */
public final class RiskRows {

  public record RiskView(String riskId, String title, String category, int likelihood, int impact, String band,
      String owner, String raisedBy, String status, String processInstanceId) {}

  private final RiskRepository repository;

  private RiskRows(RiskRepository repository) {
    this.repository = repository;
  }

  public static RiskRows of(ApplicationContext context) {
    return new RiskRows(context.getBean(RiskRepository.class));
  }

  public Optional<RiskView> find(String riskId) {
    return repository.find(riskId).map(RiskRows::view);
  }

  public List<RiskView> ofProject(String projectId) {
    return repository.findOfProject(projectId, null, null, null).stream().map(RiskRows::view).toList();
  }

  private static RiskView view(RiskRecords.Risk r) {
    return new RiskView(r.riskId(), r.title(), r.category(), r.likelihood(), r.impact(), r.band(), r.owner(),
        r.raisedBy(), r.status(), r.processInstanceId());
  }
}
