#!/usr/bin/env bash
# Runs the blog's test suite once against a real PostgreSQL server (Debian's package): a
# throwaway cluster on 127.0.0.1, started here and removed on exit, whatever happens.
#   bash apps/blog/scripts/test-postgres.sh            (as root: installs postgresql if missing)
#   BLOG_PG_PORT=55433 bash apps/blog/scripts/test-postgres.sh
set -euo pipefail
cd "$(dirname "$0")/.."

port="${BLOG_PG_PORT:-55432}"

if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  if [[ "$(id -u)" != 0 ]]; then
    echo "PostgreSQL is not installed: apt-get install -y postgresql (as root)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

# initdb refuses to run as root: the cluster belongs to the postgres user then.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

dir="$(mktemp -d /tmp/blog-pg.XXXXXX)"
[[ "$(id -u)" == 0 ]] && chown postgres "$dir"
stop() {
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

echo "apps/blog: test suite against PostgreSQL ($("$bin/postgres" --version)) on 127.0.0.1:$port"
DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres" pnpm exec vitest run
