package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaInput.blank;
import static io.hitgov.hipaa.HipaaInput.checkLength;
import static io.hitgov.hipaa.HipaaInput.date;
import static io.hitgov.hipaa.HipaaInput.names;
import static io.hitgov.hipaa.HipaaInput.trim;

import io.hitgov.hipaa.HipaaRecords.Baa;
import io.hitgov.hipaa.HipaaRecords.Gate;
import io.hitgov.hipaa.HipaaRecords.ListedBaa;
import io.hitgov.hipaa.HipaaRecords.RecordedBaa;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.InvalidVariablesException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The business associate agreements of a HIPAA gate: the counterparties named in the scope, then
 * each BAA as the privacy office records it, with what keeps it from passing
 * ({@link HipaaGateRule#baaFinding}). Rows are only inserted; a position's newest row is current.
 */
@Service
class HipaaBaaRegister {

  static final int MAX_COUNTERPARTY = 200;

  /** A BAA as the privacy office records it. */
  record BaaSubmission(Boolean executed, String effectiveDate, String expiryDate, Boolean subcontractorFlowDown,
      String documentId) {}

  private final HipaaGateRepository repository;

  HipaaBaaRegister(HipaaGateRepository repository) {
    this.repository = repository;
  }

  /** Lists the business associates of the scope (one a line, repeats once); returns how many. */
  int list(String gateId, String businessAssociates) {
    Set<String> counterparties = new LinkedHashSet<>();
    if (businessAssociates != null) {
      businessAssociates.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(counterparties::add);
    }
    int position = 0;
    for (String counterparty : counterparties) {
      if (counterparty.length() > MAX_COUNTERPARTY) {
        throw new InvalidVariablesException("businessAssociates: '" + counterparty.substring(0, 40)
            + "…' is longer than " + MAX_COUNTERPARTY + " characters");
      }
      repository.insertBaa(new ListedBaa(gateId, position++, counterparty, "BAA not yet recorded"));
    }
    return counterparties.size();
  }

  /** The current BAA at {@code position}. */
  Baa baa(String gateId, int position) {
    return current(gateId).get(position);
  }

  /** The current BAA of each position, in order. */
  List<Baa> current(String gateId) {
    Map<Integer, Baa> latest = new LinkedHashMap<>();
    repository.findBaas(gateId).forEach(baa -> latest.put(baa.position(), baa));
    return List.copyOf(latest.values());
  }

  /** Records the BAA at {@code position} of the gate, attributed to {@code recordedBy}. */
  void record(String gateId, int position, BaaSubmission submission, String recordedBy) {
    Gate gate = repository.getGate(gateId);
    Baa current = baa(gateId, position);
    List<String> problems = new ArrayList<>();
    if (submission.executed() == null) {
      problems.add("baaExecuted is required");
    }
    LocalDate effective = date(problems, "baaEffectiveDate", submission.effectiveDate());
    LocalDate expiry = date(problems, "baaExpiryDate", submission.expiryDate());
    boolean executed = Boolean.TRUE.equals(submission.executed());
    if (executed && effective == null && !names(problems, "baaEffective")) {
      problems.add("baaEffectiveDate is required for an executed BAA");
    }
    if (executed && blank(submission.documentId())) {
      problems.add("baaDocumentId is required for an executed BAA");
    }
    if (effective != null && expiry != null && expiry.isBefore(effective)) {
      problems.add("baaExpiryDate " + expiry + " is before baaEffectiveDate " + effective);
    }
    checkLength(problems, "baaDocumentId", submission.documentId(), 200);
    if (!problems.isEmpty()) {
      throw new InvalidVariablesException(problems);
    }
    RecordedBaa recorded = new RecordedBaa(gateId, position, current.counterparty(), submission.executed(),
        effective, expiry, submission.subcontractorFlowDown(), trim(submission.documentId()), recordedBy,
        EngineClock.now(), null);
    repository.insertBaa(recorded.withFinding(HipaaGateRule.baaFinding(gate, recorded.asRow(), EngineClock.today())));
  }
}
