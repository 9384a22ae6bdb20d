#!/usr/bin/env bash
# `make loadtest`: a production-like set-up (gunicorn with several workers on PostgreSQL,
# DEBUG off, compressed static files) with the demo data, driven by locust.
#   LOADTEST_USERS (50), LOADTEST_DURATION (10m), LOADTEST_WORKERS (4),
#   LOADTEST_DATABASE_URL (default: a throw-away PostgreSQL started here, as in CI).
# Results: var/loadtest/ (locust's CSV and HTML report) and a summary on the terminal.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=.venv/bin
USERS="${LOADTEST_USERS:-50}"
DURATION="${LOADTEST_DURATION:-10m}"
WORKERS="${LOADTEST_WORKERS:-4}"
PORT="${LOADTEST_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}"
OUT=var/loadtest
mkdir -p "$OUT"
WORK="$(mktemp -d /tmp/kerekasztal-loadtest.XXXXXX)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "${PGBIN:-}" ]; then "${AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "${LOADTEST_DATABASE_URL:-}" ]; then
  PGBIN="$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  PGPORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
  AS=()
  if [ "$(id -u)" -eq 0 ]; then
    id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres "$WORK"; AS=(runuser -u postgres --)
  fi
  "${AS[@]}" "$PGBIN/initdb" -D "$WORK/pg" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  "${AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w -o "-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -q -c "CREATE DATABASE kerekasztal" postgres
  LOADTEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/kerekasztal"
fi

export DATABASE_URL="$LOADTEST_DATABASE_URL" DATABASE_CONN_MAX_AGE=60 DEBUG=false
export KEREKASZTAL_VAR="$WORK/var" ALLOWED_HOSTS=127.0.0.1,localhost LOG_LEVEL=ERROR
export LOGIN_FAILURE_LIMIT=1000   # 50 simulated users share one address
echo "== preparing the database and the demo data"
$BIN/kerekasztal migrate --noinput -v0
$BIN/kerekasztal load-territory >/dev/null
$BIN/kerekasztal demo >/dev/null
$BIN/kerekasztal collectstatic --noinput -v0

echo "== gunicorn ($WORKERS workers) on 127.0.0.1:$PORT"
$BIN/gunicorn kerekasztal.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --threads 2 --timeout 60 --keep-alive 10 --log-level warning >"$OUT/gunicorn.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.2; done

echo "== locust: $USERS users for $DURATION"
$BIN/locust -f scripts/loadtest/locustfile.py --headless --users "$USERS" \
  --spawn-rate "$(( USERS / 10 > 0 ? USERS / 10 : 1 ))" --run-time "$DURATION" \
  --host "http://127.0.0.1:$PORT" --csv "$OUT/result" --html "$OUT/report.html" \
  --only-summary --loglevel WARNING || true

$BIN/python scripts/loadtest/summary.py "$OUT/result_stats.csv"
