-- Indexes for the paged project list and the risk register (docs/performance.md).
-- GET /api/projects pages by go-live date, optionally per status.
create index project_list on project (go_live_date, project_id);
create index project_status_list on project (status, go_live_date, project_id);
-- A risk's active gate holds (scoring, closure, release); gate_hold_project serves the per-project reads.
create index gate_hold_risk on gate_hold (risk_id, released_at);
