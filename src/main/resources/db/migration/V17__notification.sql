-- E-mail notifications (io.hitgov.notification, docs/notifications.md). One row per e-mail to one
-- address: queued inside the governance transaction that caused it, delivered by its own
-- NotificationDeliveryProcess instance (an asynchronous job with retries, then an incident), so a mail
-- server that is down never blocks or rolls back governance. Ids, names and roles only, never PHI.
create table notification (
  notification_id   varchar(40)   not null primary key,   -- NT-<uuid>
  kind              varchar(32)   not null,               -- TASK_ASSIGNED, ESCALATION, STALLED_PROJECT, GATE_DECISION, DIGEST, STATUS_REPORT, PORTFOLIO_PACK
  project_id        varchar(100),
  recipient_user    varchar(128),                         -- the Camunda user, when the address is a user's
  recipient_address varchar(320)  not null,
  subject           varchar(300)  not null,
  body              text          not null,
  content_type      varchar(40)   not null,               -- text/plain or text/html
  status            varchar(16)   not null,               -- QUEUED, SENT
  attempts          integer       not null default 0,
  last_error        varchar(500),
  queued_at         timestamp with time zone not null,
  sent_at           timestamp with time zone,
  process_instance_id varchar(64)
);
create index notification_status on notification (status, queued_at);
create index notification_project on notification (project_id);

-- Each user's one place to opt out of the daily digest (GET/PUT /api/me/notification-settings).
-- No row: the default (digest on).
create table notification_preference (
  user_id     varchar(128) not null primary key,
  digest      boolean      not null,
  updated_at  timestamp with time zone not null
);
