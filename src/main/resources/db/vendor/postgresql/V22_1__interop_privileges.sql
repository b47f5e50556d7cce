-- PostgreSQL: the application role may only SELECT and INSERT the append-only interop tables
-- (message results, trial loads, events; see V22__interop.sql).
do $$
declare
  app text := '${app_role}';
begin
  if app = current_user or not exists (select 1 from pg_roles where rolname = app) then
    return;
  end if;
  execute format('grant select, insert on table interop_message_result, conversion_trial_load, interop_event to %I', app);
  execute format('revoke update, delete, truncate on table interop_message_result, conversion_trial_load, '
      || 'interop_event from %I', app);
end $$;
