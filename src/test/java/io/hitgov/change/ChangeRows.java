package io.hitgov.change;

import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationContext;

/**
 * What tests outside {@code change} may read of the change log: the fields they assert on, as
 * public test records. The rows and the repository stay package-private (ArchitectureTest).
 */
public final class ChangeRows {

  public record ChangeView(String changeRequestId, String requester, String status, long costImpact,
      boolean interfaceImpact, String assessedBy, String changeRisk, String routing, String requiredApprovals) {}

  private final ChangeRepository repository;

  private ChangeRows(ChangeRepository repository) {
    this.repository = repository;
  }

  public static ChangeRows of(ApplicationContext context) {
    return new ChangeRows(context.getBean(ChangeRepository.class));
  }

  public Optional<ChangeView> find(String changeRequestId) {
    return repository.find(changeRequestId).map(ChangeRows::view);
  }

  public List<ChangeView> ofProject(String projectId) {
    return repository.ofProject(projectId).stream().map(ChangeRows::view).toList();
  }

  private static ChangeView view(ChangeRecords.ChangeRequest c) {
    return new ChangeView(c.changeRequestId(), c.requester(), c.status(), c.costImpact(), c.interfaceImpact(),
        c.assessedBy(), c.changeRisk(), c.routing(), c.requiredApprovals());
  }
}
