-- PostgreSQL: the application role may only SELECT and INSERT change_escalation (append-only).
do $$
declare
  app text := '${app_role}';
begin
  if app = current_user or not exists (select 1 from pg_roles where rolname = app) then
    return;
  end if;
  execute format('grant select, insert on table change_escalation to %I', app);
  execute format('revoke update, delete, truncate on table change_escalation from %I', app);
end $$;
