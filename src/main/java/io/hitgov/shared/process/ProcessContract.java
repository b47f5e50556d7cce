package io.hitgov.shared.process;

/**
 * A process's public start contract (docs/contract.md#variables): implemented by each feature's
 * process class and enforced for every way in (Tasklist, {@code /engine-rest}, HITGov's API, call
 * activities) by {@link StartVariablesGuard}.
 */
public interface ProcessContract {

  /** The BPMN process id (= key = file name). */
  String key();

  /** The variables a start accepts. */
  VariableSchema startVariables();
}
