-- H2 (default profile, tests): the append-only tables refuse UPDATE and DELETE (see V8__audit_chain.sql).
-- hipaa_evidence may only have its empty disposition columns filled, once. The schema owner can drop
-- these triggers; the hash chain (GET /api/audit/verify) is what detects a change made that way.

create trigger gate_record_append_only before update, delete on gate_record for each row call 'io.hitgov.shared.audit.AppendOnlyTrigger';
create trigger project_event_append_only before update, delete on project_event for each row call 'io.hitgov.shared.audit.AppendOnlyTrigger';
create trigger project_deliverable_append_only before update, delete on project_deliverable for each row call 'io.hitgov.shared.audit.AppendOnlyTrigger';
create trigger readiness_checkpoint_append_only before update, delete on readiness_checkpoint for each row call 'io.hitgov.shared.audit.AppendOnlyTrigger';
create trigger risk_event_append_only before update, delete on risk_event for each row call 'io.hitgov.shared.audit.AppendOnlyTrigger';
create trigger hipaa_baa_append_only before update, delete on hipaa_baa for each row call 'io.hitgov.shared.audit.AppendOnlyTrigger';
create trigger hipaa_signoff_append_only before update, delete on hipaa_signoff for each row call 'io.hitgov.shared.audit.AppendOnlyTrigger';
create trigger change_approval_append_only before update, delete on change_approval for each row call 'io.hitgov.shared.audit.AppendOnlyTrigger';
create trigger change_event_append_only before update, delete on change_event for each row call 'io.hitgov.shared.audit.AppendOnlyTrigger';
create trigger project_baseline_change_append_only before update, delete on project_baseline_change for each row call 'io.hitgov.shared.audit.AppendOnlyTrigger';
create trigger audit_chain_entry_append_only before update, delete on audit_chain_entry for each row call 'io.hitgov.shared.audit.AppendOnlyTrigger';
create trigger hipaa_evidence_write_once before update, delete on hipaa_evidence for each row call 'io.hitgov.shared.audit.WriteOnceTrigger';
