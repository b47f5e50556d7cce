package io.hitgov.hipaa;

import io.hitgov.hipaa.HipaaRecords.SignOff;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Segregation of duties at a HIPAA gate's sign-off (docs/domain/hipaa-gate.md#gate-rules), no
 * engine and no database: who may sign, and whether a round's signatures allow a PASS.
 */
final class SignOffDuties {

  private SignOffDuties() {}

  /**
   * Why {@code userId} may not sign gate {@code gateId} as an official, or empty: they submitted
   * evidence or recorded a BAA in the gate ({@code submitters}), or signed this round in the other
   * official's role (unless {@code allowSameSigner}). The sponsor's acknowledgement is not checked.
   */
  static Optional<String> refusal(String gateId, SignOffRole role, String userId, Set<String> submitters,
      List<SignOff> signOffsOfRound, boolean allowSameSigner) {
    if (role == SignOffRole.EXECUTIVE_SPONSOR) {
      return Optional.empty();
    }
    if (submitters.contains(userId)) {
      return Optional.of("User '" + userId + "' submitted evidence in HIPAA gate " + gateId
          + " and cannot sign it (segregation of duties: evidence submitter ≠ signer)");
    }
    SignOffRole other = role.otherOfficial();
    if (!allowSameSigner && signOffsOfRound.stream()
        .anyMatch(s -> s.role().equals(other.name()) && s.userId().equals(userId))) {
      return Optional.of("User '" + userId + "' already signed HIPAA gate " + gateId + " as " + other
          + "; the security and privacy officials must be two different people");
    }
    return Optional.empty();
  }

  /**
   * A round's approvals allow a PASS: both officials (two different people unless
   * {@code allowSameSigner}) and the sponsor's acknowledgement.
   */
  static boolean complete(List<SignOff> signOffsOfRound, boolean allowSameSigner) {
    Map<String, String> signers = new HashMap<>();
    signOffsOfRound.stream().filter(SignOff::approved).forEach(s -> signers.put(s.role(), s.userId()));
    String security = signers.get(SignOffRole.SECURITY_OFFICIAL.name());
    String privacy = signers.get(SignOffRole.PRIVACY_OFFICIAL.name());
    return security != null && privacy != null && signers.containsKey(SignOffRole.EXECUTIVE_SPONSOR.name())
        && (allowSameSigner || !security.equals(privacy));
  }
}
