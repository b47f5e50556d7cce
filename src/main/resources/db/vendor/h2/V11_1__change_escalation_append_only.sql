-- H2: change_escalation is append-only (see V11__change_escalation.sql).
create trigger change_escalation_append_only before update, delete on change_escalation for each row call 'io.hitgov.shared.audit.AppendOnlyTrigger';
