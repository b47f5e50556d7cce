-- Readable ids (HIPAA-<project>-<n>, RISK-<project>-<n>) are numbered per project by one counter row
-- each, incremented atomically, so concurrent creations never collide.
create table id_counter (
  scope       varchar(120)  not null primary key,
  last_value  bigint        not null
);
