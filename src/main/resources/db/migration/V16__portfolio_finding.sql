-- The portfolio watch's findings, one row per custom incident it raised on a lifecycle instance
-- (stalledGoLive, stalledPhase, overdueGate, staleProject), written in the same transaction as the
-- incident: the portfolio page, its API and the metrics read the findings here, for every governance
-- reader, without needing the engine's read permission on lifecycle instances. resolved_at is set
-- when the watch resolves the incident (or finds it gone with its instance).
create table portfolio_finding (
  incident_id          varchar(64)   not null primary key,
  project_id           varchar(64)   not null,
  process_instance_id  varchar(64)   not null,
  incident_type        varchar(32)   not null,
  configuration        varchar(255)  not null,
  message              varchar(4000) not null,
  raised_at            timestamp with time zone not null,
  resolved_at          timestamp with time zone
);
create index portfolio_finding_open on portfolio_finding (resolved_at, project_id);
