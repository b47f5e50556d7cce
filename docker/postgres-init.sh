#!/usr/bin/env bash
# HITGov's two database roles (docs/security-audit.md). Run once by the postgres image on an empty data
# directory (/docker-entrypoint-initdb.d), as the image's superuser; HITGov itself never connects as it.
#   HITGOV_OWNER_USER  owns the database and its schema; Flyway migrates HITGov's tables as this role.
#   HITGOV_APP_USER    the application's role: no superuser, owns none of HITGov's tables; the migration
#                      V8_1 grants it SELECT, INSERT, UPDATE on HITGov's tables and only SELECT, INSERT on
#                      the append-only ones. It may create tables in the schema: the engine creates and
#                      owns Camunda's ACT_ tables (camunda.bpm.database.schema-update).
# For an existing data directory, run the same statements once with psql as a superuser.
set -euo pipefail
: "${HITGOV_OWNER_USER:?HITGOV_OWNER_USER (POSTGRES_OWNER_USER) is required}"
: "${HITGOV_OWNER_PASSWORD:?HITGOV_OWNER_PASSWORD (POSTGRES_OWNER_PASSWORD) is required}"
: "${HITGOV_APP_USER:?HITGOV_APP_USER (POSTGRES_USER) is required}"
: "${HITGOV_APP_PASSWORD:?HITGOV_APP_PASSWORD (POSTGRES_PASSWORD) is required}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner="$HITGOV_OWNER_USER" -v owner_password="$HITGOV_OWNER_PASSWORD" \
  -v app="$HITGOV_APP_USER" -v app_password="$HITGOV_APP_PASSWORD" -v db="$POSTGRES_DB" <<'SQL'
create role :"owner" login password :'owner_password' nosuperuser nocreatedb nocreaterole;
create role :"app" login password :'app_password' nosuperuser nocreatedb nocreaterole;
alter database :"db" owner to :"owner";
alter schema public owner to :"owner";
revoke create on schema public from public;
grant usage, create on schema public to :"app";
SQL
