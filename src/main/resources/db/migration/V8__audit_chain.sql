-- Tamper-evident audit (docs/security-audit.md). Every row of the append-only tables below is chained
-- by io.hitgov.shared.audit.AuditChain, in the transaction that inserts it, to the previous record of
-- the same chain (one chain per project, 'project:<projectId>'): audit_chain_entry holds its SHA-256
-- over the row's canonical form and the previous entry's hash; audit_chain_head holds each chain's last
-- entry and is locked (SELECT ... FOR UPDATE) while appending. GET /api/audit/verify recomputes them.
-- The append-only tables: gate_record, project_event, project_deliverable, readiness_checkpoint,
-- risk_event, hipaa_evidence (its disposition is written once), hipaa_baa, hipaa_signoff,
-- change_approval, change_event, project_baseline_change. db/vendor/h2 adds triggers refusing UPDATE and
-- DELETE on them; db/vendor/postgresql grants the application role only SELECT and INSERT on them.

create table audit_chain_head (
  chain_key   varchar(200)  not null primary key,
  seq         bigint        not null,
  head_hash   varchar(64)   not null,
  updated_at  timestamp with time zone not null
);

create table audit_chain_entry (
  chain_key   varchar(200)  not null,
  seq         bigint        not null,
  table_name  varchar(64)   not null,
  row_id      varchar(200)  not null,
  part        varchar(32)   not null,
  prev_hash   varchar(64)   not null,
  row_hash    varchar(64)   not null,
  recorded_at timestamp with time zone not null,
  primary key (chain_key, seq)
);
create index audit_chain_entry_row on audit_chain_entry (table_name, row_id);

-- Rows written before this migration are not chained: verification does not call them unchained.
create table audit_chain_legacy (
  table_name  varchar(64)   not null primary key,
  max_id      bigint        not null
);
insert into audit_chain_legacy (table_name, max_id) select 'gate_record', coalesce(max(id), 0) from gate_record;
insert into audit_chain_legacy (table_name, max_id) select 'project_event', coalesce(max(id), 0) from project_event;
insert into audit_chain_legacy (table_name, max_id) select 'project_deliverable', coalesce(max(id), 0) from project_deliverable;
insert into audit_chain_legacy (table_name, max_id) select 'readiness_checkpoint', coalesce(max(id), 0) from readiness_checkpoint;
insert into audit_chain_legacy (table_name, max_id) select 'risk_event', coalesce(max(id), 0) from risk_event;
insert into audit_chain_legacy (table_name, max_id) select 'hipaa_evidence', coalesce(max(id), 0) from hipaa_evidence;
insert into audit_chain_legacy (table_name, max_id) select 'hipaa_baa', coalesce(max(id), 0) from hipaa_baa;
insert into audit_chain_legacy (table_name, max_id) select 'hipaa_signoff', coalesce(max(id), 0) from hipaa_signoff;
insert into audit_chain_legacy (table_name, max_id) select 'change_approval', coalesce(max(id), 0) from change_approval;
insert into audit_chain_legacy (table_name, max_id) select 'change_event', coalesce(max(id), 0) from change_event;
insert into audit_chain_legacy (table_name, max_id) select 'project_baseline_change', coalesce(max(id), 0) from project_baseline_change;
