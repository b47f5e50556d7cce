-- PortfolioWatchProcess: one sweep at a time across the whole cluster. A sweep locks this single row
-- (select ... for update) in the transaction that raises and resolves the incidents, so a scheduled
-- and an on-demand run, or the runs of two nodes, follow each other and the later one sees the
-- incidents of the earlier (docs/processes/portfolio-watch.md). last_* record the latest sweep.
create table portfolio_watch_lock (
  id             integer      not null primary key,
  last_run_at    timestamp with time zone,
  last_run_by    varchar(64),
  last_projects  integer,
  last_raised    integer,
  last_resolved  integer
);
insert into portfolio_watch_lock (id) values (1);
