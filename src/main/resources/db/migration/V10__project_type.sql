-- Tailoring by project type (LifecycleTailoringDecision): the type a project was started with and the
-- go-live readiness criteria that apply to it. Projects started before have the defaults.
alter table project add column project_type varchar(32) default 'EHR_REPLACEMENT' not null;
alter table project add column readiness_criteria varchar(200);
