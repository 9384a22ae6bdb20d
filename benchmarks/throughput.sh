#!/usr/bin/env bash
# Throughput of a public page served by Kerekasztal (gunicorn, production settings), by nginx
# as a micro-caching reverse proxy in front of that gunicorn (deploy/nginx-microcache.conf),
# and the same bytes served by nginx as a static file, measured with wrk in one run.
# Usage: benchmarks/throughput.sh            (DURATION=20s CONNECTIONS=50 WORKERS=2 PAGE=/f/.../)
#        MODE=ab benchmarks/throughput.sh    anonymous reads through gunicorn alone with ab,
#        as a share of /robots.txt (AB_URLS, AB_REQUESTS, AB_CONCURRENCY; see below)
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
# One client address sends everything: the API's per-address limit (1000/h) would answer
# most of the run with 429. Measured without it; the limit's own cost is a cache lookup.
[ "${MODE:-wrk}" = ab ] && export API_ANONYMOUS_RATE="${API_ANONYMOUS_RATE-}"
$KK collectstatic --noinput --verbosity 0
.venv/bin/gunicorn kerekasztal.wsgi --workers "$WORKERS" --bind "127.0.0.1:$APP_PORT" \
  --log-level warning >"$TMP/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT$PAGE" && break; sleep 0.2; done

if [ "${MODE:-wrk}" = ab ]; then
  # Anonymous reads through gunicorn alone, driven by ab one after the other in this one
  # run: /robots.txt first (the framework's floor: no template, no query), then each of
  # AB_URLS (space-separated paths; default: the public events list of the forum of PAGE
  # and the API's forum list). Each gets AB_WARMUP requests first (the application's
  # cache fills), then AB_REQUESTS with AB_CONCURRENCY at once.
  command -v ab >/dev/null 2>&1 || { SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo";
    $SUDO apt-get install -y -qq --no-install-recommends apache2-utils; }
  AB_REQUESTS="${AB_REQUESTS:-2000}"; AB_CONCURRENCY="${AB_CONCURRENCY:-16}"
  AB_WARMUP="${AB_WARMUP:-20}"
  AB_URLS="${AB_URLS:-${PAGE}events/ /api/v1/forums/}"
  : >"$TMP/ab.tsv"
  for path in /robots.txt $AB_URLS; do
    for _ in $(seq "$AB_WARMUP"); do curl -s -o /dev/null "http://127.0.0.1:$APP_PORT$path"; done
    ab -q -n "$AB_REQUESTS" -c "$AB_CONCURRENCY" "http://127.0.0.1:$APP_PORT$path" >"$TMP/ab.txt" 2>&1
    awk -v path="$path" '
      /^Requests per second/ {rps=$4} /^Document Length/ {bytes=$3}
      /^Failed requests/ {failed=$3} /^Non-2xx responses/ {non2xx=$3}
      /^  50%/ {p50=$2} /^  95%/ {p95=$2} /^  99%/ {p99=$2}
      END {printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", path, rps, p50, p95, p99, bytes, failed, non2xx+0}
    ' "$TMP/ab.txt" | tee -a "$TMP/ab.tsv"
  done
  WORKER_RSS="$(ps -o rss= --ppid "$GUNICORN_PID" | awk '{printf "%s%s", sep, $1; sep=","}')"
  mkdir -p benchmarks/results
  OUT="benchmarks/results/throughput-ab-${DATABASE_URL%%:*}-$(date +%Y%m%d).json"
  python3 - "$OUT" "$TMP/ab.tsv" <<PY
import json, os, platform, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[2]) if line.strip()]
floor = float(rows[0][1])
results = [{"path": r[0], "rps": float(r[1]), "p50_ms": int(r[2]), "p95_ms": int(r[3]),
            "p99_ms": int(r[4]), "bytes": int(r[5]), "failed": int(r[6]),
            "non_2xx": int(r[7]), "percent_of_robots_txt": round(float(r[1]) / floor * 100, 1)}
           for r in rows]
for r in results:
    print(f"{r['path']:<40} {r['rps']:>9.1f} req/s {r['percent_of_robots_txt']:>6.1f} % "
          f"of /robots.txt  p50 {r['p50_ms']} ms  p95 {r['p95_ms']} ms  {r['bytes']} B"
          f"  failed {r['failed']}  non-2xx {r['non_2xx']}")
json.dump({
    "tool": "ab", "requests": $AB_REQUESTS, "concurrency": $AB_CONCURRENCY,
    "workers": $WORKERS, "database": "${DATABASE_URL:-default}".split(":")[0],
    "results": results, "gunicorn_worker_rss_kib": [$WORKER_RSS],
    "load_average_at_end": list(os.getloadavg()),
    "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
}, open(sys.argv[1], "w"), indent=2)
print("Result:", sys.argv[1])
PY
  exit 0
fi
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
