package io.hitgov.interop;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** Rows of the interface inventory, test rounds and conversion domains (V22__interop.sql). */
final class InteropRecords {

  private InteropRecords() {}

  public record Interface(String projectId, String interfaceId, String name, String sourceSystem, String targetSystem,
      String direction, String standard, String version, String messageTypes, Integer dailyVolume, String owner,
      boolean goLiveCritical, boolean clinical, String mappingSpecRef, String crosswalkRef, String registeredBy,
      OffsetDateTime registeredAt, int generation, OffsetDateTime changedAt, String changedByChange,
      String processInstanceId) {

    public List<String> messageTypeList() {
      return Arrays.stream(messageTypes.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
  }

  /** An interface as registered (no mapping, no readiness process, no change yet). */
  public record NewInterface(String projectId, String interfaceId, String name, String sourceSystem,
      String targetSystem, String direction, String standard, String version, String messageTypes, Integer dailyVolume,
      String owner, boolean goLiveCritical, boolean clinical, String registeredBy, OffsetDateTime registeredAt) {}

  public record TestRound(String roundId, String projectId, String interfaceId, String roundName, int generation,
      String environment, String uploadedBy, OffsetDateTime uploadedAt, int messages, int validMessages, int errors,
      int warnings, String integrationSignedBy, OffsetDateTime integrationSignedAt, String cmioSignedBy,
      OffsetDateTime cmioSignedAt) {

    /** Every message valid (and at least one). */
    public boolean passed() {
      return messages > 0 && validMessages == messages;
    }
  }

  /** A test round as uploaded and validated (not signed yet). */
  public record NewRound(String roundId, String projectId, String interfaceId, String roundName, int generation,
      String environment, String uploadedBy, OffsetDateTime uploadedAt, int messages, int validMessages, int errors,
      int warnings) {}

  /** One message's stored result: its SHA-256, never its content; issues as JSON. */
  public record MessageRow(Long id, String roundId, int messageIndex, String contentSha256, String messageType,
      boolean valid, String issues) {}

  public record ConversionDomain(String projectId, String domain, String scope, boolean safetyCritical,
      String registeredBy, OffsetDateTime registeredAt, String sampleReviewedBy, OffsetDateTime sampleReviewedAt,
      Boolean sampleReviewPassed, Integer goldenPatients, String sampleReviewComment) {}

  /** A conversion domain as registered (no sample review yet). */
  public record NewDomain(String projectId, String domain, String scope, boolean safetyCritical, String registeredBy,
      OffsetDateTime registeredAt) {}

  public record TrialLoad(Long id, String projectId, String domain, String loadName, String recordedBy,
      OffsetDateTime recordedAt, long sourceCount, long targetCount, long excludedCount, String sourceChecksum,
      String targetChecksum, boolean reconciled, String reconciliation) {}

  public record InteropEvent(Long id, String projectId, String subject, OffsetDateTime at, String actor, String event,
      String details) {}
}
