#!/usr/bin/env bash
# Times the engine's Packager against `ffmpeg -c copy -f hls` repackaging the same HLS-TS source
# (3 renditions of H.264 + AAC, 6 s segments out). Not part of the test suite.
#   bench/engine/run.sh [seconds-of-media]      (default 120)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
seconds="${1:-120}"
build="target-bench"
work="$repo/ingest-worker/$build/bench"
runs=5

cd "$repo"
./mvnw -o -B -q -pl ingest-worker -Dopenvod.build.dir="$build" test-compile
cp="$repo/ingest-worker/$build/classes:$repo/ingest-worker/$build/test-classes"

rm -rf "$work" && mkdir -p "$work/src"
echo "making a ${seconds}s source (1280x720, 854x480, 640x360, 2 s GOPs, 4 s segments)..."
( cd "$work/src" && ffmpeg -v error -nostdin -y \
    -f lavfi -i "testsrc2=size=1280x720:rate=30" -f lavfi -i "sine=frequency=440:sample_rate=48000" \
    -t "$seconds" \
    -filter_complex "[0:v]split=3[a][b][c];[b]scale=854:480[b2];[c]scale=640:360[c2]" \
    -map "[a]" -map "[b2]" -map "[c2]" -map 1:a -map 1:a -map 1:a \
    -c:v libx264 -preset ultrafast -bf 2 -g 60 -keyint_min 60 -sc_threshold 0 \
    -b:v:0 3000k -b:v:1 1500k -b:v:2 800k -c:a aac -b:a 128k \
    -f hls -hls_time 4 -hls_playlist_type vod -hls_segment_filename "v%v/seg_%03d.ts" \
    -master_pl_name master.m3u8 -var_stream_map "v:0,a:0 v:1,a:1 v:2,a:2" "v%v/index.m3u8" )
bytes=$(du -sb "$work/src" | cut -f1)
echo "source: $((bytes / 1024 / 1024)) MiB"

echo "engine (java, $runs runs in one JVM; the first includes JIT warm-up):"
java -cp "$cp" org.openvod.engine.bench.PackagerBench "$work/src" master.m3u8 "$work/engine" "$runs" \
  | tee "$work/engine.txt"
engine_ms=$(awk '{print $3}' "$work/engine.txt" | sort -n | head -1)

echo "ffmpeg -c copy -f hls ($runs runs):"
best_ff=""
for run in $(seq 1 "$runs"); do
  out="$work/ffmpeg/run$run" && mkdir -p "$out"
  start=$(date +%s%N)
  ( cd "$out" && ffmpeg -v error -nostdin -y -i "$work/src/master.m3u8" \
      -map 0:p:0 -map 0:p:1 -map 0:p:2 -c copy -f hls -hls_time 6 -hls_playlist_type vod \
      -hls_segment_filename "v%v/seg_%03d.ts" -master_pl_name index.m3u8 \
      -var_stream_map "v:0,a:0 v:1,a:1 v:2,a:2" "v%v/media.m3u8" )
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "run $run $ms"
  if [ -z "$best_ff" ] || [ "$ms" -lt "$best_ff" ]; then best_ff=$ms; fi
done

echo "best engine: ${engine_ms} ms, best ffmpeg: ${best_ff} ms"
awk -v e="$engine_ms" -v f="$best_ff" -v b="$bytes" 'BEGIN {
  printf "engine/ffmpeg time ratio: %.2f  (engine %.0f MiB/s, ffmpeg %.0f MiB/s of source)\n",
    e / f, b / 1048576 / (e / 1000), b / 1048576 / (f / 1000) }'
