-- Stakeholder register per project (io.hitgov.stakeholder, docs/notifications.md): a HITGov user or an
-- external e-mail address, the stakeholder's role and interest, and what they receive by e-mail.
create table project_stakeholder (
  stakeholder_id  varchar(60)   not null primary key,     -- SH-<projectId>-<n>
  project_id      varchar(100)  not null,
  user_id         varchar(128),                           -- a HITGov (Camunda) user ...
  email           varchar(320),                           -- ... or an external address (exactly one of the two)
  role            varchar(100)  not null,
  interest        varchar(16)   not null,                 -- HIGH, MEDIUM, LOW
  receives        varchar(100)  not null,                 -- comma-separated: STATUS_REPORT, GATE_DECISIONS
  added_by        varchar(128)  not null,
  added_at        timestamp with time zone not null
);
create index project_stakeholder_project on project_stakeholder (project_id);
