#!/bin/sh
# stack-db: creates the cluster on the first start (empty $PGDATA), then runs PostgreSQL in
# the foreground, listening on every address of the container.
set -eu
bin=/usr/lib/postgresql/15/bin
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set for the first start}"
  user=${POSTGRES_USER:-postgres}
  db=${POSTGRES_DB:-$user}
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  "$bin/initdb" -D "$PGDATA" -U postgres --pwfile="$pwfile" --auth-local=peer --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  # a server on the socket only while the user and database are made: not ready on TCP yet
  "$bin/pg_ctl" -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
  psql -X -q -v ON_ERROR_STOP=1 -v user="$user" -v db="$db" -v pass="$POSTGRES_PASSWORD" -d postgres <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'user', :'pass') WHERE :'user' <> 'postgres' \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'user', :'pass') WHERE :'user' = 'postgres' \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user') WHERE :'db' <> 'postgres' \gexec
SQL
  "$bin/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
  echo "stack-db: created the cluster, user $user and database $db"
fi
exec "$bin/postgres" -D "$PGDATA" -c listen_addresses='*'
