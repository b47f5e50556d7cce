package io.hitgov.change;

import io.hitgov.change.ChangeRecords.ChangeRequest;
import io.hitgov.lifecycle.ProjectBaselines;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.InvalidVariablesException;
import org.springframework.stereotype.Service;

/**
 * An approved change carried out: implemented (not by an approver, not against the freeze),
 * verified by someone other than the implementer, and an emergency change's retrospective review.
 */
@Service
public class ChangeImplementation {

  private final ChangeRepository repository;
  private final ChangeLog log;
  private final ChangeSegregation duties;
  private final ProjectBaselines projects;
  private final ChangeProperties properties;

  ChangeImplementation(ChangeRepository repository, ChangeLog log, ChangeSegregation duties,
      ProjectBaselines projects, ChangeProperties properties) {
    this.repository = repository;
    this.log = log;
    this.duties = duties;
    this.projects = projects;
    this.properties = properties;
  }

  public void implemented(String id, String user, String reference, String note) {
    if (reference == null || note == null) {
      throw new InvalidVariablesException("implementationReference and implementationNote are required");
    }
    if (reference.length() > 200 || note.length() > 2000) {
      throw new InvalidVariablesException("implementationReference (200) or implementationNote (2000) is too long");
    }
    duties.checkImplementer(id, user);
    ChangeRequest cr = repository.get(id);
    boolean touchesConfiguration = cr.clinicalContentImpact() || cr.patientSafetyImpact() || cr.phiImpact()
        || cr.interfaceImpact() || cr.scopeChange() != null && !"NONE".equals(cr.scopeChange());
    properties.freezePolicy().refusesImplementing(id, projects.get(cr.projectId()).goLiveDate(), cr.changeType(),
        touchesConfiguration, cr.implementer() == null, EngineClock.today()).ifPresent(problem -> {
          throw new InvalidVariablesException(problem);
        });
    repository.update(id, new Object[] {"implementer", user, "implemented_at", EngineClock.now(),
        "implementation_reference", reference, "status", "IMPLEMENTED"});
    log.event(id, user, "IMPLEMENTED", reference + ": " + note);
  }

  public void verified(String id, String user, Boolean verified, String note) {
    if (verified == null || note == null) {
      throw new InvalidVariablesException("changeVerified and verificationNote are required");
    }
    duties.checkVerifier(id, user);
    if (verified) {
      repository.update(id, new Object[] {"verifier", user, "verified_at", EngineClock.now(), "status", "VERIFIED"});
    } else {
      repository.update(id, "status", "APPROVED");
    }
    log.event(id, user, verified ? "VERIFIED" : "VERIFICATION_FAILED", note);
  }

  public void retrospective(String id, String user, Boolean accepted, String note) {
    if (accepted == null || note == null) {
      throw new InvalidVariablesException("retrospectiveAccepted and retrospectiveNote are required");
    }
    duties.checkRetrospectiveReviewer(id, user);
    log.event(id, user, accepted ? "RETROSPECTIVE_ACCEPTED" : "RETROSPECTIVE_FOLLOW_UP", note);
  }
}
