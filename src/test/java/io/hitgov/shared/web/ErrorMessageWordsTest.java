package io.hitgov.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Camunda's REST prefixes ("Cannot instantiate process definition <id>: ...") read as words, the reason kept. */
class ErrorMessageWordsTest {

  @Test
  void the_technical_object_in_front_of_the_reason_becomes_words() {
    assertThat(ErrorMessages.clean("Cannot instantiate process definition 4f5c8a2e-edad-11f1-9684-02fc00000001: "
        + "projectId is required", "Invalid request"))
        .isEqualTo("The process was not started: projectId is required");
    assertThat(ErrorMessages.own("Cannot instantiate process definition ChangeRequestProcess:3:4f5c: costImpact "
        + "must be a number", "x")).isEqualTo("The process was not started: costImpact must be a number");
    assertThat(ErrorMessages.clean("Cannot submit task form 9a1b: approved is required", "x"))
        .isEqualTo("The form was not submitted: approved is required");
    assertThat(ErrorMessages.clean("projectId is required", "x")).isEqualTo("projectId is required");
  }
}
