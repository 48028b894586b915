#!/usr/bin/env bash
# Make sure a local PostgreSQL answers on 127.0.0.1:5432; start the cluster if it is installed
# but stopped. Writes var/postgres-unavailable when there is no PostgreSQL to use.
set -euo pipefail
mkdir -p var
rm -f var/postgres-unavailable
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then exit 0; fi
if command -v pg_lsclusters >/dev/null 2>&1; then
  while read -r version cluster port status _; do
    [ "$port" = "5432" ] || continue
    if [ "$status" != "online" ]; then
      echo "Starting PostgreSQL cluster $version/$cluster"
      if [ "$(id -u)" = "0" ]; then
        pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start
      else
        sudo -n pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start
      fi
    fi
  done < <(pg_lsclusters --no-header)
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && exit 0
    sleep 1
  done
fi
echo "PostgreSQL is not available on 127.0.0.1:5432" >&2
touch var/postgres-unavailable
