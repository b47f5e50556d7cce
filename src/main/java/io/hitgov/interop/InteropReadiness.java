package io.hitgov.interop;

import java.util.List;

/**
 * What the rest of governance needs to know of a project's interfaces and data conversion,
 * without the interop tables (docs/adr/0004-feature-packages.md): the lifecycle derives readiness
 * criteria R06 and R07 and the G5 test-exit problems from it, change control validates and
 * re-opens the interfaces an approved change names.
 */
public interface InteropReadiness {

  /** Why R06 is red: each go-live-critical interface without a passed, signed, current test round. */
  List<String> interfaceProblems(String projectId);

  /** Why R07 is red: each conversion domain not reconciled or without its clinician sample sign-off. */
  List<String> conversionProblems(String projectId);

  /** Whether the project has an interface inventory (R06 is derived from it only then). */
  boolean hasInterfaces(String projectId);

  /** Whether the project has conversion domains (R07 is derived from them only then). */
  boolean hasConversionDomains(String projectId);

  /**
   * The project's interface and conversion status as plain values, for the project's API:
   * {@code interfaces} and {@code conversionDomains}, each entry with its id, {@code status}
   * (READY or NOT_READY) and {@code reason}; {@code r06} and {@code r07} (GREEN, RED or
   * NOT_RECORDED) with the problems.
   */
  java.util.Map<String, Object> overview(String projectId);

  /** The ids among {@code interfaceIds} that are not interfaces of the project. */
  List<String> unknownInterfaces(String projectId, List<String> interfaceIds);

  /**
   * An approved change request names these interfaces: their signed rounds stop being current and
   * a re-test is required (a readiness process is started for each that has none running).
   */
  void reopen(String projectId, List<String> interfaceIds, String changeRequestId);
}
