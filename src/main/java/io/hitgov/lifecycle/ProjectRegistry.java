package io.hitgov.lifecycle;

import io.hitgov.shared.project.ProjectDirectory;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The lifecycle's answer to "which projects exist" for the other features ({@link ProjectDirectory}). */
@Component
class ProjectRegistry implements ProjectDirectory {

  private final ProjectRepository repository;

  ProjectRegistry(ProjectRepository repository) {
    this.repository = repository;
  }

  @Override
  public boolean isRegistered(String projectId) {
    return projectId != null && repository.find(projectId).isPresent();
  }

  @Override
  public Optional<LocalDate> goLiveDate(String projectId) {
    return projectId == null ? Optional.empty() : repository.find(projectId).map(LifecycleRecords.Project::goLiveDate);
  }

  @Override
  public Optional<String> sponsor(String projectId) {
    return projectId == null ? Optional.empty() : repository.find(projectId).map(LifecycleRecords.Project::sponsor);
  }

  @Override
  public Optional<String> projectManager(String projectId) {
    return projectId == null ? Optional.empty()
        : repository.find(projectId).map(LifecycleRecords.Project::projectManager);
  }
}
