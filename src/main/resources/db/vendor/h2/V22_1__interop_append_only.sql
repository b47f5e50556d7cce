-- H2: message results, trial loads and interop events are append-only (see V22__interop.sql).
create trigger interop_message_result_append_only before update, delete on interop_message_result for each row call 'io.hitgov.shared.audit.AppendOnlyTrigger';
create trigger conversion_trial_load_append_only before update, delete on conversion_trial_load for each row call 'io.hitgov.shared.audit.AppendOnlyTrigger';
create trigger interop_event_append_only before update, delete on interop_event for each row call 'io.hitgov.shared.audit.AppendOnlyTrigger';
