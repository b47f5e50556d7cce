-- PostgreSQL: the notification outbox has a retention (V23__notification_retention.sql,
-- docs/notifications.md#retention), so the application role may also DELETE from notification (its
-- clean-up deletes delivered e-mails past the retention, never undelivered ones); nothing happens when
-- the roles are one.
do $$
declare
  app text := '${app_role}';
begin
  if app = current_user or not exists (select 1 from pg_roles where rolname = app) then
    return;
  end if;
  execute format('grant select, insert, update, delete on table notification to %I', app);
end $$;
