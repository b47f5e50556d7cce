package io.hitgov.hipaa;

import static io.hitgov.hipaa.HipaaInput.blank;
import static io.hitgov.hipaa.HipaaInput.checkLength;
import static io.hitgov.hipaa.HipaaInput.trim;

import io.hitgov.hipaa.HipaaRecords.Baa;
import io.hitgov.hipaa.HipaaRecords.Evidence;
import io.hitgov.hipaa.HipaaRecords.GivenSignOff;
import io.hitgov.hipaa.HipaaRecords.SignOff;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.InvalidVariablesException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;

/**
 * The officials' signatures and the sponsor's residual-risk acknowledgement, with four-eyes
 * ({@link SignOffDuties}): a signer must be in the role's group and have no part in the evidence.
 */
@Service
class HipaaSignOffs {

  private final HipaaGateRepository repository;
  private final IdentityService identityService;
  private final HipaaProperties properties;

  HipaaSignOffs(HipaaGateRepository repository, IdentityService identityService, HipaaProperties properties) {
    this.repository = repository;
    this.identityService = identityService;
    this.properties = properties;
  }

  /**
   * Refuses a signer who is not in the role's group, who submitted evidence or recorded a BAA in
   * this gate, or who already signed this round in the other official's role. The reason is in the
   * exception's message.
   */
  void checkSigner(String gateId, SignOffRole role, String userId) {
    if (userId == null) {
      throw new AuthorizationException("A HIPAA gate sign-off needs an authenticated user");
    }
    if (identityService.createUserQuery().userId(userId).memberOfGroup(role.group()).count() == 0) {
      throw new AuthorizationException("User '" + userId + "' is not in group " + role.group()
          + " and cannot sign HIPAA gate " + gateId + " as " + role);
    }
    if (role == SignOffRole.EXECUTIVE_SPONSOR) {
      return;
    }
    Set<String> submitters = repository.findEvidence(gateId).stream().map(Evidence::submittedBy)
        .collect(Collectors.toSet());
    repository.findBaas(gateId).stream().map(Baa::recordedBy).filter(Objects::nonNull).forEach(submitters::add);
    int round = repository.getGate(gateId).round();
    List<SignOff> ofRound = repository.findSignOffs(gateId).stream().filter(s -> s.round() == round).toList();
    SignOffDuties.refusal(gateId, role, userId, submitters, ofRound, properties.allowSameSigner()).ifPresent(reason -> {
      throw new AuthorizationException(reason);
    });
  }

  /** Records a signature or a refusal (a refusal needs a comment); a signature passes {@link #checkSigner}. */
  void record(String gateId, SignOffRole role, String userId, Boolean approved, String comment) {
    List<String> problems = new ArrayList<>();
    if (approved == null) {
      problems.add(role.approvedField() + " is required");
    } else if (!approved && blank(comment)) {
      problems.add(role.commentField() + " is required when not approving");
    }
    checkLength(problems, role.commentField(), comment, 4000);
    if (!problems.isEmpty()) {
      throw new InvalidVariablesException(problems);
    }
    if (approved) {
      checkSigner(gateId, role, userId);
    } else if (userId == null) {
      throw new AuthorizationException("A HIPAA gate sign-off needs an authenticated user");
    }
    repository.insertSignOff(new GivenSignOff(gateId, repository.getGate(gateId).round(), role.name(), userId,
        approved, trim(comment), EngineClock.now()));
  }
}
