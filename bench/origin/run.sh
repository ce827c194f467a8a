#!/usr/bin/env bash
# Origin benchmark (not part of the test suite): wrk on loopback against the manifest-server origin
# and against nginx serving the same packaged files from local disk, same machine, same run.
# Targets: a media playlist and a ~1 MB TS segment, at 32 and 256 connections.
#
#   bench/origin/run.sh   (env: DURATION=10s THREADS=2 CONNECTIONS="32 256" ROUNDS=1 BENCH_WORK=/tmp/...)
#
# Installs wrk, nginx-light and ffmpeg with apt-get when missing. Generates the content with
# ffmpeg under $BENCH_WORK (never in the source tree). Prints a markdown table and writes it to
# $BENCH_WORK/results.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
WORK=${BENCH_WORK:-/tmp/openvod-bench-origin}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-"32 256"}
ROUNDS=${ROUNDS:-1} # >1: origin and nginx alternate ROUNDS times per cell; medians are reported
ORIGIN_PORT=${ORIGIN_PORT:-18081}
NGINX_PORT=${NGINX_PORT:-18082}
BUILD=target-bench
PIDS=()

cleanup() {
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  [ -f "$WORK/nginx/nginx.pid" ] && kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

# --- tools ---------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing ${missing[*]}" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- build (own output folder) -------------------------------------------------------------
echo "bench: building manifest-server into $BUILD" >&2
./mvnw -o -B -q -pl manifest-server -Dopenvod.build.dir=$BUILD -DskipTests -Dspotless.check.skip=true package
./mvnw -o -B -q -pl manifest-server -Dopenvod.build.dir=$BUILD dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=$BUILD/test-classpath.txt >/dev/null
JAR=$(ls manifest-server/$BUILD/manifest-server-*-exec.jar)

# --- content: 720p H.264 TS, 3 s segments of about 1 MB ------------------------------------
mkdir -p "$WORK"
CONTENT=$WORK/content
if [ ! -f "$CONTENT/index.m3u8" ]; then
  echo "bench: generating content with ffmpeg" >&2
  rm -rf "$CONTENT" && mkdir -p "$CONTENT"
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=1280x720:rate=30:duration=30" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=30" \
    -c:v libx264 -preset veryfast -b:v 2600k -maxrate 2600k -bufsize 5200k -g 90 -keyint_min 90 \
    -sc_threshold 0 -c:a aac -b:a 128k -f hls -hls_time 3 -hls_playlist_type vod \
    -hls_segment_filename "$CONTENT/index_%d.ts" "$CONTENT/index.m3u8"
fi
SEGMENT=index_2.ts
SEG_BYTES=$(stat -c %s "$CONTENT/$SEGMENT")

# --- backing services + origin --------------------------------------------------------------
rm -f "$WORK/fixture.env"
java -Xmx1g -cp "manifest-server/$BUILD/test-classes:manifest-server/$BUILD/classes:$(cat manifest-server/$BUILD/test-classpath.txt)" \
  org.openvod.origin.bench.BenchFixture "$CONTENT" "$WORK/fixture.env" >"$WORK/fixture.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 240); do [ -f "$WORK/fixture.env" ] && break; sleep 0.5; done
[ -f "$WORK/fixture.env" ] || { echo "bench: fixture did not start, see $WORK/fixture.log" >&2; exit 1; }
# shellcheck disable=SC1091
source "$WORK/fixture.env"

VOD_ORIGIN_PORT=$ORIGIN_PORT VOD_DATA_DIR=$WORK/data java -Xms1g -Xmx1g -jar "$JAR" >"$WORK/origin.log" 2>&1 &
ORIGIN_PID=$!
PIDS+=($ORIGIN_PID)
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$ORIGIN_PORT/actuator/health" 2>/dev/null | grep -q '"UP"' && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$ORIGIN_PORT/actuator/health" | grep -q '"UP"' || { echo "bench: origin not up, see $WORK/origin.log" >&2; exit 1; }

# --- nginx on the same files, same URL layout ----------------------------------------------
NROOT=$WORK/nginx/root
rm -rf "$NROOT" && mkdir -p "$NROOT$(dirname "${BENCH_PATH_PREFIX%/}")" "$WORK/nginx/tmp" "$WORK/nginx/logs"
ln -sfn "$CONTENT" "$NROOT${BENCH_PATH_PREFIX%/}"
cat >"$WORK/nginx/nginx.conf" <<NGINX
worker_processes auto; pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types; default_type application/octet-stream;
  sendfile on; tcp_nopush on; keepalive_requests 1000000; access_log off;
  client_body_temp_path $WORK/nginx/tmp; proxy_temp_path $WORK/nginx/tmp; fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp; scgi_temp_path $WORK/nginx/tmp;
  server { listen 127.0.0.1:$NGINX_PORT; root $NROOT; disable_symlinks off;
    location / { add_header Access-Control-Allow-Origin *; add_header Cache-Control "public, max-age=60"; } }
}
NGINX
nginx -c "$WORK/nginx/nginx.conf"
sleep 0.5
NGINX_PIDS="$(cat "$WORK/nginx/nginx.pid") $(pgrep -P "$(cat "$WORK/nginx/nginx.pid")" | tr '\n' ' ')"

ORIGIN=http://127.0.0.1:$ORIGIN_PORT$BENCH_PATH_PREFIX
NGINX_URL=http://127.0.0.1:$NGINX_PORT$BENCH_PATH_PREFIX
for u in "$ORIGIN" "$NGINX_URL"; do
  cmp <(curl -fs "${u}index.m3u8") "$CONTENT/index.m3u8"
  cmp <(curl -fs "${u}$SEGMENT") "$CONTENT/$SEGMENT"
done

# --- measure --------------------------------------------------------------------------------
to_mb() { # wrk's Transfer/sec value (e.g. 1.23GB) in MB/s
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; gsub(/[0-9.]/, "", u);
    if (u == "GB") n *= 1024; else if (u == "KB") n /= 1024; else if (u == "B") n /= 1048576;
    printf "%.1f", n }'
}
to_ms() { # wrk latency (e.g. 812.00us, 3.2ms, 1.01s) in ms
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; gsub(/[0-9.]/, "", u);
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000;
    printf "%.2f", n }'
}
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { # user+system CPU ticks of the given processes so far
  for pid in "$@"; do awk '{ print $14 + $15 }' "/proc/$pid/stat"; done | awk '{ s += $1 } END { print s + 0 }'
}
run_wrk() { # url connections server-pids... -> "req/s MB/s p99ms cpu-us-per-request errors"
  local url=$1 conns=$2 out before after
  shift 2
  before=$(cpu_ticks "$@")
  out=$(wrk -t"$THREADS" -c"$conns" -d"$DURATION" --latency "$url")
  after=$(cpu_ticks "$@")
  echo "$out" >>"$WORK/wrk-raw.txt"
  local rps mbs p99 errs reqs cpu
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  mbs=$(to_mb "$(echo "$out" | awk '/Transfer\/sec/ {print $2}')")
  p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")
  reqs=$(echo "$out" | awk '/requests in/ {print $1}')
  cpu=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$reqs" 'BEGIN { printf "%.0f", t * 1e6 / hz / n }')
  errs=$(echo "$out" | awk '/Non-2xx|Socket errors/ {printf "%s ", $0}')
  echo "$rps $mbs $p99 $cpu ${errs:-none}"
}

median() { # "rps mbs p99 cpu errors..." lines -> per-column medians, errors of all rounds
  printf '%s\n' "$@" | awk '{ r[NR] = $1; m[NR] = $2; p[NR] = $3; c[NR] = $4; $1 = $2 = $3 = $4 = ""; e = e $0 }
    function med(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
        if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return a[int((n + 1) / 2)] }
    END { gsub(/ +/, " ", e); gsub(/(none ?)+/, "", e); if (e ~ /^ *$/) e = "none";
      print med(r, NR), med(m, NR), med(p, NR), med(c, NR), e }'
}

: >"$WORK/wrk-raw.txt"
echo "bench: warming up" >&2
wrk -t"$THREADS" -c32 -d3s "${ORIGIN}index.m3u8" >/dev/null
wrk -t"$THREADS" -c32 -d3s "${ORIGIN}$SEGMENT" >/dev/null
wrk -t"$THREADS" -c32 -d3s "${NGINX_URL}$SEGMENT" >/dev/null

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "| target | conns | origin req/s | nginx req/s | ratio | origin MB/s | nginx MB/s | origin p99 ms | nginx p99 ms | p99 ratio | CPU us/req origin / nginx |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for target in "index.m3u8:media playlist ($(stat -c %s "$CONTENT/index.m3u8") B)" "$SEGMENT:segment ($SEG_BYTES B)"; do
    file=${target%%:*}
    label=${target#*:}
    for c in $CONNECTIONS; do
      o_all=() n_all=()
      for _ in $(seq 1 "$ROUNDS"); do
        o_all+=("$(run_wrk "${ORIGIN}$file" "$c" "$ORIGIN_PID")")
        # shellcheck disable=SC2086
        n_all+=("$(run_wrk "${NGINX_URL}$file" "$c" $NGINX_PIDS)")
      done
      read -r o_rps o_mbs o_p99 o_cpu o_err <<<"$(median "${o_all[@]}")"
      read -r n_rps n_mbs n_p99 n_cpu n_err <<<"$(median "${n_all[@]}")"
      ratio=$(awk -v a="$o_rps" -v b="$n_rps" 'BEGIN { printf "%.2f", a / b }')
      pratio=$(awk -v a="$o_p99" -v b="$n_p99" 'BEGIN { printf "%.2f", a / b }')
      echo "| $label | $c | $o_rps | $n_rps | ${ratio}x | $o_mbs | $n_mbs | $o_p99 | $n_p99 | ${pratio}x | $o_cpu / $n_cpu |"
      [ "$o_err" = none ] || echo "origin errors ($file, $c): $o_err" >&2
      [ "$n_err" = none ] || echo "nginx errors ($file, $c): $n_err" >&2
    done
  done
} | tee "$WORK/results.md"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
echo "wrk -t$THREADS -c{$CONNECTIONS} -d$DURATION --latency, median of $ROUNDS round(s); load average before: $LOAD_BEFORE, after: $LOAD_AFTER; nproc $(nproc)" | tee -a "$WORK/results.md"
echo "raw wrk output: $WORK/wrk-raw.txt" >&2
