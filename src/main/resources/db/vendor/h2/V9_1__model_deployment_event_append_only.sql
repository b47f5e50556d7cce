-- H2: model_deployment_event is append-only (see V9__model_deployment_event.sql).
create trigger model_deployment_event_append_only before update, delete on model_deployment_event for each row call 'io.hitgov.shared.audit.AppendOnlyTrigger';
