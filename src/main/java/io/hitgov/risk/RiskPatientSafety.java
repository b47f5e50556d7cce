package io.hitgov.risk;

import io.hitgov.shared.process.BusinessCalendar;
import io.hitgov.shared.process.InvalidVariablesException;
import org.springframework.stereotype.Service;

/**
 * The patient-safety fast track (docs/domain/risk.md#patient-safety-fast-track): acknowledgement,
 * containment and classification, the root-cause analysis, and the lapses the executives review.
 */
@Service
class RiskPatientSafety {

  private final RiskRepository repository;
  private final RiskHistory history;
  private final RiskProperties properties;

  RiskPatientSafety(RiskRepository repository, RiskHistory history, RiskProperties properties) {
    this.repository = repository;
    this.history = history;
    this.properties = properties;
  }

  void fastTrackStarted(String riskId) {
    history.state(repository.get(riskId), null, "FAST_TRACK",
        "patientSafety and cmio notified; acknowledgement due within " + properties.safetyAcknowledgement());
  }

  void acknowledge(String riskId, String actor, String note) {
    history.note(riskId, actor, "SAFETY_ACKNOWLEDGED", note);
  }

  void acknowledgementOverdue(String riskId) {
    history.state(repository.get(riskId), null, "SAFETY_ACK_OVERDUE", "Not acknowledged within "
        + properties.safetyAcknowledgement() + ": executive sponsor and steering committee notified");
  }

  void rootCauseAnalysisOverdue(String riskId) {
    history.state(repository.get(riskId), null, "RCA_OVERDUE",
        "Root-cause analysis not done by its due date: executive sponsor and steering committee notified");
  }

  /** Records the containment and the harm; returns when the root-cause analysis is due. */
  String containAndClassify(String riskId, String eventType, String harm, String containment, String actor) {
    if (!RiskEscalationProcess.Values.EVENT_TYPES.contains(eventType)) {
      throw new InvalidVariablesException("eventType must be one of " + RiskEscalationProcess.Values.EVENT_TYPES);
    }
    if (!RiskEscalationProcess.Values.HARM_SCALE.contains(harm)) {
      throw new InvalidVariablesException("harm must be one of " + RiskEscalationProcess.Values.HARM_SCALE);
    }
    if (containment == null || containment.isBlank()) {
      throw new InvalidVariablesException("containment is required");
    }
    repository.updateHarm(riskId, harm);
    history.note(riskId, actor, "CONTAINED", eventType + ", harm " + harm + ": " + containment);
    return BusinessCalendar.dueInBusinessDays(properties.rootCauseAnalysisBusinessDays());
  }

  void recordRootCauseAnalysis(String riskId, String documentId, String actionPlan, String actor) {
    if (documentId == null || documentId.isBlank() || actionPlan == null || actionPlan.isBlank()) {
      throw new InvalidVariablesException("rcaDocumentId and rcaActionPlan are required");
    }
    history.note(riskId, actor, "ROOT_CAUSE_ANALYSIS", "RCA " + documentId + ": " + actionPlan);
  }
}
