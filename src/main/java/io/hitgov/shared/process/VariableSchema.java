package io.hitgov.shared.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The variables a process start or a user task completion accepts (docs/contract.md): checks a map of
 * submitted variables and refuses it, naming every variable that is missing, unknown, wrongly typed
 * or out of range.
 */
public final class VariableSchema {

  private final Map<String, VariableSpec> specs = new LinkedHashMap<>();
  private final Set<String> tolerated;

  private VariableSchema(List<VariableSpec> specs, Set<String> tolerated) {
    specs.forEach(spec -> this.specs.put(spec.name(), spec));
    this.tolerated = tolerated;
  }

  public static VariableSchema of(VariableSpec... specs) {
    return new VariableSchema(List.of(specs), Set.of());
  }

  /** Variables the engine or Tasklist may add and that are neither checked nor refused. */
  public VariableSchema tolerating(String... names) {
    return new VariableSchema(List.copyOf(specs.values()), Set.of(names));
  }

  public Map<String, VariableSpec> specs() {
    return specs;
  }

  /**
   * @param submitted the variables as submitted
   * @param refuseUnknown whether a variable the schema does not know is an error
   * @param checkWhen which specs apply (e.g. a rationale only for some statuses); all by default
   */
  public void validate(Map<String, Object> submitted, boolean refuseUnknown, Predicate<VariableSpec> checkWhen) {
    List<String> problems = new ArrayList<>();
    for (VariableSpec spec : specs.values()) {
      if (checkWhen.test(spec)) {
        spec.check(submitted.containsKey(spec.name()), submitted.get(spec.name())).ifPresent(problems::add);
      }
    }
    if (refuseUnknown) {
      submitted.keySet().stream()
          .filter(name -> !specs.containsKey(name) && !tolerated.contains(name))
          .sorted()
          .forEach(name -> problems.add(name + " is not a known variable (known: " + specs.keySet() + ")"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidVariablesException(problems);
    }
  }

  public void validate(Map<String, Object> submitted, boolean refuseUnknown) {
    validate(submitted, refuseUnknown, spec -> true);
  }
}
