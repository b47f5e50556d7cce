package io.hitgov.shared.web;

import java.util.List;

/**
 * An exception that knows its HTTP answer: {@link ErrorClassifier} uses it wherever it stands in
 * the cause chain (the engine often wraps it, e.g. "Error while evaluating expression"), so every
 * surface answers it the same way.
 */
public interface StatusException {

  int httpStatus();

  /** The {@code type} of the JSON answer. */
  String errorType();

  /** Details listed under {@code problems}; empty for none. */
  default List<String> problems() {
    return List.of();
  }
}
