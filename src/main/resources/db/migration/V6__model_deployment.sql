-- Model deployments made through HITGov's four-eyes gate (docs/model-policy.md): a PMO's deployment
-- waits here until a second PMO member or an operator approves it; approval deploys the stored
-- resources. Rows are decided once (state, decided_by, decided_at) and never deleted: together with
-- the engine's deployment table they are the audit of who changed which model, when, from which
-- application version.
create table model_deployment (
  deployment_id         varchar(32)   not null primary key,
  state                 varchar(16)   not null,
  deployment_name       varchar(255),
  deployment_source     varchar(255),
  tenant_id             varchar(64),
  submitted_by          varchar(64)   not null,
  submitted_at          timestamp with time zone not null,
  app_version           varchar(64)   not null,
  decided_by            varchar(64),
  decided_at            timestamp with time zone,
  decision_comment      varchar(2000),
  engine_deployment_id  varchar(64)
);
create index model_deployment_state on model_deployment (state);

create table model_deployment_resource (
  deployment_id   varchar(32)   not null references model_deployment (deployment_id),
  resource_name   varchar(255)  not null,
  sha256          varchar(64)   not null,
  byte_count      bigint        not null,
  diff_summary    varchar(2000) not null,
  content         bytea         not null,
  primary key (deployment_id, resource_name)
);
