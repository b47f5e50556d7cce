package io.hitgov.hipaa;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationContext;

/**
 * What tests outside {@code hipaa} may read of the gate tables: the fields they assert on, as
 * public test records. The rows and the repository stay package-private (ArchitectureTest).
 */
public final class HipaaRows {

  public record GateView(String gateId, LocalDate goLiveDate, String scopeRecordedBy, String scopeSystems,
      LocalDate expiresOn, String invalidatedReason) {}

  public record BaaView(String counterparty) {}

  private final HipaaGateRepository repository;

  private HipaaRows(HipaaGateRepository repository) {
    this.repository = repository;
  }

  public static HipaaRows of(ApplicationContext context) {
    return new HipaaRows(context.getBean(HipaaGateRepository.class));
  }

  public Optional<GateView> find(String gateId) {
    return repository.findGate(gateId).map(HipaaRows::view);
  }

  public List<GateView> ofProject(String projectId) {
    return repository.findGatesOfProject(projectId).stream().map(HipaaRows::view).toList();
  }

  public List<BaaView> baas(String gateId) {
    return repository.findBaas(gateId).stream().map(b -> new BaaView(b.counterparty())).toList();
  }

  private static GateView view(HipaaRecords.Gate g) {
    return new GateView(g.gateId(), g.goLiveDate(), g.scopeRecordedBy(), g.scopeSystems(), g.expiresOn(),
        g.invalidatedReason());
  }
}
