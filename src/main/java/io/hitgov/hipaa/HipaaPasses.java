package io.hitgov.hipaa;

import java.time.LocalDate;

/** The HIPAA audit gate as the lifecycle sees it: is there a valid PASS, and go-live moved. */
public interface HipaaPasses {

  /** True when a HIPAA audit gate of the project passed and is still valid on {@code day}. */
  boolean validPassOn(String projectId, LocalDate day);

  /** The project's go-live moved: passes are re-dated or end (see HipaaPassValidity). */
  void goLiveMoved(String projectId, LocalDate goLive);
}
