-- E-mail sent right after the governance transaction commits (docs/notifications.md): the node that
-- queued a batch claims it (dispatched_at) and sends it at once; only a batch that fails, or that no
-- node sent within hitgov.notification.hand-over-after (the node stopped first), gets a
-- NotificationDeliveryProcess (process_instance_id) whose job retries it and leaves the incident.
-- Rows queued by an earlier release already have their delivery process.
alter table notification add column dispatched_at timestamp with time zone;
