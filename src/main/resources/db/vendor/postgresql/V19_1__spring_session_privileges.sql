-- PostgreSQL: sessions end (logout, idle timeout, cleanup), so the application role may also DELETE the
-- session tables, the only HITGov tables it may delete from (docs/security-audit.md); nothing happens
-- when the roles are one.
do $$
declare
  app text := '${app_role}';
begin
  if app = current_user or not exists (select 1 from pg_roles where rolname = app) then
    return;
  end if;
  execute format('grant select, insert, update, delete on table spring_session, spring_session_attributes to %I', app);
end $$;
