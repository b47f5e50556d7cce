package io.hitgov.interop.validation;

/**
 * One problem of one test message: how bad ({@code ERROR}, {@code WARNING}, {@code INFORMATION}),
 * where (an HL7 v2 segment/field such as {@code PID-7}, or a FHIRPath such as {@code Patient.gender})
 * and what, the text already sanitised (no value of the message in it).
 */
public record Issue(String severity, String location, String message) {

  public static final String ERROR = "ERROR";
  public static final String WARNING = "WARNING";
  public static final String INFORMATION = "INFORMATION";

  public boolean error() {
    return ERROR.equals(severity);
  }
}
