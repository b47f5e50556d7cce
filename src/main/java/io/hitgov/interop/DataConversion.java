package io.hitgov.interop;

import io.hitgov.interop.InteropRecords.ConversionDomain;
import io.hitgov.interop.InteropRecords.NewDomain;
import io.hitgov.interop.InteropRecords.TrialLoad;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.TaskConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Data conversion readiness (docs/processes/interface-readiness.md): conversion domains, their
 * trial loads with reconciliation, and the CMIO's golden-patient sample review.
 */
@Service
public class DataConversion {

  private final ConversionRepository repository;
  private final InteropRepository log;

  DataConversion(ConversionRepository repository, InteropRepository log) {
    this.repository = repository;
    this.log = log;
  }

  List<ConversionDomain> domains(String projectId) {
    return repository.domains(projectId);
  }

  Optional<ConversionDomain> domain(String projectId, String domain) {
    return repository.domain(projectId, domain);
  }

  /** The domain's readiness from its trial loads ({@link ReadinessStatus}). */
  ReadinessStatus status(ConversionDomain d) {
    return ReadinessStatus.of(d, repository.loads(d.projectId(), d.domain()));
  }

  @Transactional
  void register(NewDomain d) {
    if (repository.domain(d.projectId(), d.domain()).isPresent()) {
      throw new TaskConflictException("Conversion domain " + d.domain()
          + " is already registered for project " + d.projectId());
    }
    repository.insert(d);
    log.event(d.projectId(), "conversion:" + d.domain(), EngineClock.now(), d.registeredBy(), "REGISTERED",
        d.scope() + (d.safetyCritical() ? ", safety-critical" : ""));
  }

  List<TrialLoad> loads(String projectId, String domain) {
    return repository.loads(projectId, domain);
  }

  /**
   * Records a trial load. It reconciles when source = target + excluded records and both checksums
   * are equal; otherwise it stays red with the reason.
   */
  @Transactional
  TrialLoad recordLoad(String projectId, String domain, String loadName, long source, long target, long excluded,
      String sourceChecksum, String targetChecksum, String user) {
    List<String> gaps = new ArrayList<>();
    if (source != target + excluded) {
      gaps.add("counts do not reconcile: source " + source + " != target " + target + " + excluded " + excluded);
    }
    if (!sourceChecksum.equalsIgnoreCase(targetChecksum)) {
      gaps.add("checksums differ");
    }
    TrialLoad load = new TrialLoad(null, projectId, domain, loadName, user, EngineClock.now(), source, target, excluded,
        sourceChecksum, targetChecksum, gaps.isEmpty(), gaps.isEmpty() ? "reconciled" : String.join("; ", gaps));
    repository.insert(load);
    log.event(projectId, "conversion:" + domain, EngineClock.now(), user, "TRIAL_LOAD",
        loadName + ": " + load.reconciliation());
    return load;
  }

  /** The CMIO's review of the golden-patient sample; not by whoever recorded the latest load (four-eyes). */
  @Transactional
  public void sampleReview(String projectId, String domain, boolean passed, int goldenPatients, String comment,
      String user) {
    List<TrialLoad> loads = repository.loads(projectId, domain);
    if (loads.isEmpty()) {
      throw new InvalidVariablesException("conversion domain " + domain + " has no trial load to review yet");
    }
    TrialLoad latest = loads.get(loads.size() - 1);
    if (user.equals(latest.recordedBy())) {
      throw new AuthorizationException("User '" + user + "' recorded trial load " + latest.loadName()
          + " and cannot sign its sample review (four-eyes)");
    }
    repository.sampleReview(projectId, domain, user, EngineClock.now(), passed, goldenPatients, comment);
    log.event(projectId, "conversion:" + domain, EngineClock.now(), user, passed ? "SAMPLE_SIGNED"
        : "SAMPLE_REJECTED", goldenPatients + " golden patients" + (comment == null ? "" : ": " + comment));
  }
}
