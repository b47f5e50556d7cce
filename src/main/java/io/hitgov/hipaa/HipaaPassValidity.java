package io.hitgov.hipaa;

import io.hitgov.hipaa.HipaaRecords.Gate;
import io.hitgov.shared.process.EngineClock;
import java.time.LocalDate;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * How long a HIPAA gate's PASS holds: until it expires, a material change invalidates it, or a
 * go-live move leaves a BAA it relied on out of force. The lifecycle asks through {@link HipaaPasses}.
 */
@Service
class HipaaPassValidity implements HipaaPasses {

  private final HipaaGateRepository repository;
  private final HipaaBaaRegister baas;
  private final HipaaProperties properties;

  HipaaPassValidity(HipaaGateRepository repository, HipaaBaaRegister baas, HipaaProperties properties) {
    this.repository = repository;
    this.baas = baas;
    this.properties = properties;
  }

  @Override
  public boolean validPassOn(String projectId, LocalDate day) {
    return repository.findGatesOfProject(projectId).stream().anyMatch(g -> g.validOn(day));
  }

  /**
   * The project's go-live moved. Its go-live gates that are still valid today check against the
   * new date: the pass now expires the configured days after it, unless a BAA it relied on does not
   * hold on the new date (not yet effective, or expired): then that gate's pass ends, as the gate
   * would have blocked. Expired, invalidated and non-go-live gates are left as they are; open gates
   * take the new date.
   */
  @Override
  public void goLiveMoved(String projectId, LocalDate goLive) {
    LocalDate today = EngineClock.today();
    for (Gate gate : repository.findGatesOfProject(projectId)) {
      if (!"GO_LIVE".equals(gate.gateReason()) || gate.goLiveDate() == null) {
        continue;
      }
      boolean valid = gate.validOn(today);
      Gate moved = gate.withGoLiveDate(goLive);
      String lapsing = valid ? baas.current(gate.gateId()).stream().map(baa -> HipaaGateRule.baaFinding(moved, baa, today))
          .filter(Objects::nonNull).findFirst().orElse(null) : null;
      if (gate.resultAt() == null || valid) {
        repository.moveGoLive(gate.gateId(), goLive,
            valid && lapsing == null ? goLive.plusDays(properties.passValidityDaysAfterGoLive()) : null);
      }
      if (lapsing != null) {
        repository.invalidateGate(gate.gateId(), EngineClock.now(), "go-live moved to " + goLive + ": " + lapsing);
      }
    }
  }

  /** A material change ends the validity of every passed gate of the project; returns how many. */
  int recordMaterialChange(String projectId, String reason) {
    repository.recordMaterialChangeOnOpenGates(projectId, EngineClock.today());
    return repository.invalidatePassedGates(projectId, EngineClock.now(), reason);
  }
}
