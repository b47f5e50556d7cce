package io.hitgov.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * HITGov's API answers every error as a JSON problem with {@code detail} and {@code message}:
 * bad input 400 (naming the field), refused actions 403, unknown objects in the path 404,
 * conflicts 409, and a genuine server fault 500 with only a log reference. The engine and
 * persistence errors are classified as for {@code /engine-rest} ({@link ErrorClassifier}).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

  private final ErrorClassifier classifier;

  ApiExceptionHandler(ErrorClassifier classifier) {
    this.classifier = classifier;
  }

  /** Spring's own refusals (ResponseStatusException, wrong method, missing parameter, ...) keep their status. */
  private static ResponseEntity<ProblemDetail> springRefusal(ErrorResponse response) {
    ProblemDetail problem = response.getBody();
    String detail = problem.getDetail() == null ? HttpStatus.valueOf(response.getStatusCode().value()).getReasonPhrase()
        : ErrorMessages.clean(problem.getDetail(), "Invalid request");
    problem.setDetail(detail);
    problem.setProperty("message", detail);
    return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders()).body(problem);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    String detail = "The request body is not valid JSON of the expected shape";
    if (e.getCause() instanceof com.fasterxml.jackson.core.JsonParseException parse && parse.getOriginalMessage() != null
        && parse.getOriginalMessage().startsWith("Duplicate field")) {
      detail += ": " + ErrorMessages.clean(parse.getOriginalMessage(), "a field is sent twice");
    }
    return problem(HttpStatus.BAD_REQUEST.value(), detail, null);
  }

  @ExceptionHandler(TypeMismatchException.class)
  ProblemDetail typeMismatch(TypeMismatchException e) {
    return problem(HttpStatus.BAD_REQUEST.value(), (e.getPropertyName() == null ? "A parameter" : e.getPropertyName())
        + " has the wrong type", null);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> any(Exception e, HttpServletRequest request) {
    if (e instanceof ErrorResponse response) {
      return springRefusal(response);
    }
    ErrorClassifier.Classified classified = classifier.classify(e, request.getRequestURI());
    return ResponseEntity.status(classified.status())
        .body(problem(classified.status(), classified.message(), classified.problems()));
  }

  private static ProblemDetail problem(int status, String message, List<String> problems) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), message);
    problem.setProperty("message", message);
    if (problems != null && !problems.isEmpty()) {
      problem.setProperty("problems", problems);
    }
    return problem;
  }
}
