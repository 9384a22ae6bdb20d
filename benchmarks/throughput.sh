#!/usr/bin/env bash
# Throughput of a public page served by Kerekasztal (gunicorn, production settings), by nginx
# as a micro-caching reverse proxy in front of that gunicorn (deploy/nginx-microcache.conf),
# and the same bytes served by nginx as a static file, measured with wrk in one run.
# Usage: benchmarks/throughput.sh            (DURATION=20s CONNECTIONS=50 WORKERS=2 PAGE=/f/.../)
# Needs the demo database (make setup); installs wrk and nginx from Debian when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-50}"
WORKERS="${WORKERS:-2}"
PAGE="${PAGE:-/f/koszegi-jarasi-kerekasztal/}"
KK=.venv/bin/kerekasztal

need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
APP_PORT="$(free_port)"; STATIC_PORT="$(free_port)"; PROXY_PORT="$(free_port)"
TMP="$(mktemp -d /tmp/kerekasztal-throughput.XXXXXX)"
cleanup() {
  [ -n "${GUNICORN_PID:-}" ] && kill "$GUNICORN_PID" 2>/dev/null || true
  [ -f "$TMP/nginx.pid" ] && kill "$(cat "$TMP/nginx.pid")" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

export DEBUG=false ALLOWED_HOSTS=127.0.0.1 SECRET_KEY="throughput-$(date +%s)-$RANDOM"
$KK collectstatic --noinput --verbosity 0
.venv/bin/gunicorn kerekasztal.wsgi --workers "$WORKERS" --bind "127.0.0.1:$APP_PORT" \
  --log-level warning >"$TMP/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT$PAGE" && break; sleep 0.2; done
mkdir -p "$TMP/www"
curl -sf "http://127.0.0.1:$APP_PORT$PAGE" -o "$TMP/www/page.html"

cat >"$TMP/nginx.conf" <<CONF
worker_processes $WORKERS;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $TMP; proxy_temp_path $TMP; fastcgi_temp_path $TMP;
  uwsgi_temp_path $TMP; scgi_temp_path $TMP;
  server { listen 127.0.0.1:$STATIC_PORT; root $TMP/www; default_type text/html; }
$(sed -e "s#@CACHE_DIR@#$TMP/cache#" -e "s#@UPSTREAM@#127.0.0.1:$APP_PORT#" \
      -e "s#@LISTEN@#127.0.0.1:$PROXY_PORT#" -e "s#@STATIC_ROOT@#$PWD/var/static/#" \
      -e "s#@SERVER_NAME@#127.0.0.1#" deploy/nginx-microcache.conf | grep -v '^#')
}
CONF
"$NGINX" -c "$TMP/nginx.conf"

rps() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$1" | tee -a "$TMP/wrk.txt" \
        | awk '/Requests\/sec/ {print $2}'; }
echo "== Kerekasztal (gunicorn, $WORKERS workers): $PAGE"
APP_RPS="$(rps "http://127.0.0.1:$APP_PORT$PAGE")"
# Memory of the gunicorn workers after serving the load (resident set, KiB).
WORKER_RSS="$(ps -o rss= --ppid "$GUNICORN_PID" | awk '{printf "%s%s", sep, $1; sep=","}')"
echo "gunicorn workers' RSS (KiB): $WORKER_RSS"
echo "== nginx micro-cache in front of the same gunicorn: $PAGE"
# The cache must really hold the page: a second request is a HIT.
curl -s -o /dev/null "http://127.0.0.1:$PROXY_PORT$PAGE"
CACHE_STATUS="$(curl -s -o /dev/null -D - "http://127.0.0.1:$PROXY_PORT$PAGE" \
                | awk -F': ' 'tolower($1)=="x-micro-cache" {print $2}' | tr -d '\r')"
echo "second request: X-Micro-Cache: ${CACHE_STATUS:-none}"
PROXY_RPS="$(rps "http://127.0.0.1:$PROXY_PORT$PAGE")"
echo "== nginx, the same $(wc -c <"$TMP/www/page.html") bytes as a static file"
STATIC_RPS="$(rps "http://127.0.0.1:$STATIC_PORT/page.html")"
RATIO="$(python3 -c "print(round($APP_RPS / $STATIC_RPS * 100, 1))")"
PROXY_RATIO="$(python3 -c "print(round($PROXY_RPS / $STATIC_RPS * 100, 1))")"
echo "Kerekasztal (gunicorn): $APP_RPS req/s ($RATIO % of static)"
echo "nginx micro-cache + gunicorn: $PROXY_RPS req/s ($PROXY_RATIO % of static)"
echo "nginx static: $STATIC_RPS req/s"

mkdir -p benchmarks/results
OUT="benchmarks/results/throughput-$(date +%Y%m%d).json"
python3 - "$OUT" <<PY
import json, os, platform, sys
json.dump({
    "page": "$PAGE", "duration": "$DURATION", "connections": $CONNECTIONS, "workers": $WORKERS,
    "kerekasztal_rps": $APP_RPS, "nginx_static_rps": $STATIC_RPS, "ratio_percent": $RATIO,
    "nginx_microcache_rps": $PROXY_RPS, "microcache_ratio_percent": $PROXY_RATIO,
    "microcache_second_request": "$CACHE_STATUS", "bytes": $(wc -c <"$TMP/www/page.html"),
    "database": "${DATABASE_URL:-default}".split(":")[0],
    "gunicorn_worker_rss_kib": [$WORKER_RSS],
    "load_average_at_end": list(os.getloadavg()),
    "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
}, open(sys.argv[1], "w"), indent=2)
PY
echo "Result: $OUT"
