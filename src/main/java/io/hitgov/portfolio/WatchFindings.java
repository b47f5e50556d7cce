package io.hitgov.portfolio;

import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The watch's open findings of one project, for neighbours that rate a project with
 * {@link ProjectRag} (the status report), read from HITGov's record of the incidents (one statement).
 */
@Service
public class WatchFindings {

  private final FindingRepository findings;

  WatchFindings(FindingRepository findings) {
    this.findings = findings;
  }

  /** The incident types of the project's open findings ({@code stalledPhase}, …), empty when none. */
  public List<String> openTypes(String projectId) {
    return findings.open(List.of(projectId)).stream().map(FindingRepository.OpenFinding::incidentType).toList();
  }
}
