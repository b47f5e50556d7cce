-- One delivery per governance transaction (docs/notifications.md): the e-mails one transaction queues
-- share one NotificationDeliveryProcess instance, named by the batch, which is the id of the batch's
-- first e-mail. Rows queued before this version are each their own batch.
alter table notification add column batch_id varchar(40);
update notification set batch_id = notification_id;
create index notification_batch on notification (batch_id);
