package io.hitgov.interop.validation;

import java.util.List;

/**
 * What a validator found in one message: its type as declared inside it (MSH-9, or the FHIR
 * resource type), valid (no error) and the issues. The message itself is not part of it.
 */
public record MessageResult(String messageType, List<Issue> issues) {

  public boolean valid() {
    return issues.stream().noneMatch(Issue::error);
  }
}
