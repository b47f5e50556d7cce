package io.hitgov.shared.event;

/**
 * An incident of a stalled-project type ({@code stalledGoLive}, {@code stalledPhase},
 * {@code overdueGate}, {@code staleProject}) was raised on a project's lifecycle instance, announced
 * by {@code shared.process.ProjectIncidents} inside the command that created it. Listeners (the PMO's
 * e-mail) must never fail it. The message is governance text (why and since when), never PHI.
 *
 * @param incidentType the incident type
 * @param projectId the business key of the instance the incident is on (a lifecycle's is its project id)
 * @param processInstanceId the instance
 * @param message why, as the incident says
 */
public record ProjectIncidentRaised(String incidentType, String projectId, String processInstanceId, String message) {}
