-- PostgreSQL: the application role may only SELECT and INSERT model_deployment_event (append-only),
-- as V8_1 does for the other append-only tables; nothing happens when the roles are one.
do $$
declare
  app text := '${app_role}';
begin
  if app = current_user or not exists (select 1 from pg_roles where rolname = app) then
    return;
  end if;
  execute format('grant select, insert on table model_deployment_event to %I', app);
  execute format('revoke update, delete, truncate on table model_deployment_event from %I', app);
end $$;
