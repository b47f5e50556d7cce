-- PostgreSQL: Flyway runs as the schema owner (spring.flyway.user) and HITGov connects as the application
-- role (spring.datasource.username, placeholder app_role; docs/security-audit.md). The application role
-- may read and write HITGov's tables, but only SELECT and INSERT the append-only ones (V8__audit_chain.sql
-- lists them; hipaa_evidence: UPDATE of its write-once disposition columns only); it never deletes.
-- Tables created by later migrations of the owner get SELECT, INSERT, UPDATE by default: a later
-- append-only table revokes UPDATE in its own migration. Camunda's ACT_ tables are created and owned by
-- the application role (camunda.bpm.database.schema-update), which therefore needs USAGE and CREATE on
-- the schema (granted by the database administrator, see docker/postgres-init.sh).
-- With one role for both (app_role = the owner), nothing is granted or revoked: append-only is then
-- enforced by the application only, and the hash chain still detects changes.
do $$
declare
  app text := '${app_role}';
  schema text := current_schema();
  t record;
begin
  if app = current_user or not exists (select 1 from pg_roles where rolname = app) then
    raise notice 'HITGov: application role % is the schema owner or does not exist: no privileges granted', app;
    return;
  end if;
  execute format('grant usage on schema %I to %I', schema, app);
  -- HITGov's tables only (the owner's): Camunda's, created by the application role, are its own
  for t in select tablename from pg_tables where schemaname = schema and tableowner = current_user loop
    execute format('grant select, insert, update on table %I.%I to %I', schema, t.tablename, app);
  end loop;
  for t in select sequencename from pg_sequences where schemaname = schema and sequenceowner = current_user loop
    execute format('grant usage, select on sequence %I.%I to %I', schema, t.sequencename, app);
  end loop;
  execute format('revoke all on table ${flyway:table} from %I', app);
  execute format('revoke update, delete, truncate on table gate_record, project_event, project_deliverable, '
      || 'readiness_checkpoint, risk_event, hipaa_evidence, hipaa_baa, hipaa_signoff, change_approval, '
      || 'change_event, project_baseline_change, audit_chain_entry, audit_chain_legacy from %I', app);
  execute format('grant update (evidence_age_days, disposition, disposition_reason, annual_review, '
      || 'disposition_decision, disposed_at) on hipaa_evidence to %I', app);
  execute format('alter default privileges in schema %I grant select, insert, update on tables to %I', schema, app);
  execute format('alter default privileges in schema %I grant usage, select on sequences to %I', schema, app);
end
$$;
