-- Retention of the notification outbox (docs/notifications.md#retention). NotificationRetentionProcess
-- (a daily timer job) deletes delivered e-mails (status SENT, also those delivered after a failure and
-- its incident were resolved) older than hitgov.notification.retention.days; undelivered ones (QUEUED)
-- are never deleted. One clean-up at a time across the cluster: a run locks this single row
-- (select ... for update) in its transaction; last_* record the latest run.
create table notification_retention (
  id            integer      not null primary key,
  last_run_at   timestamp with time zone,
  last_cutoff   timestamp with time zone,
  last_deleted  integer
);
insert into notification_retention (id) values (1);
-- the clean-up's delete: delivered rows by delivery time
create index notification_sent on notification (status, sent_at);
