#!/usr/bin/env bash
# Benchmark: the media engine (org.openvod.engine.Packager, through its facade only) against
# `ffmpeg -c copy` doing the same remux, from an HLS-TS source and from an MP4+SMIL source.
#   bench/engine/run.sh [seconds] [renditions]     (defaults: 600 s = the issue's 10 minutes, 3 renditions - the only count made)
# Environment: WORK (where outputs go, default a tmpfs folder, see below), WARM (default 1: also time a warm pass, 0: skip), WARM_PASSES (untimed passes before the warm one: a number, or auto = until the JIT has settled, the default), RUNS (default 3), LOOPS (length multiplier of the -Xmx64m boundedness source, default 4,
# 0 skips it), CASES (default "HLS_TS CMAF DASH MSS ALL"), KEEP=1 keeps every case's outputs (GBs).
# Everything it generates goes to bench/out/engine/ (git-ignored); the source is generated once.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
seconds="${1:-600}"
renditions="${2:-3}"
runs="${RUNS:-3}"
warmpasses="${WARM_PASSES:-auto}"
loops="${LOOPS:-4}"
cases="${CASES:-HLS_TS CMAF DASH MSS ALL}"
[ "$renditions" = 3 ] || { echo "only 3 renditions (720p/480p/360p) are generated" >&2; exit 2; }
out="$repo/bench/out/engine"
build="target-benchengine"
classes="$repo/ingest-worker/$build/classes"
benchclasses="$repo/ingest-worker/$build/bench-classes"
# Every output, ours and ffmpeg's, goes to a memory-backed tmpfs (WORK to choose another folder).
# This VM's root file system is ext4 without a journal, mounted with online discard: there, each new
# file's inode allocation skips every inode deleted in the last 60 s (360 s while its inode table
# block is dirty), one by one, and each delete
# sends a discard to the disk. The benchmark deletes thousands of segment files between runs, so on
# that disk the time of a run grows with the files the runs before it deleted, and a format of 2 s
# segments (DASH, MSS) pays it most. tmpfs costs the same per byte for both tools and has no such memory.
work="${WORK:-$( [ -d /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR==2 {print $4}')" -gt 8000000 ] \
  && echo /dev/shm/openvod-bench-engine || echo "$out/runs")}"
results="$out/results.tsv"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores)"
command -v /usr/bin/time >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing (apt-get install -y time)" >&2; exit 2; }

# 1. sources (cached)
"$here/make-source.sh" "$seconds" "$([ "$loops" -gt 1 ] && echo "$loops" || echo 1)"
src="$out/src-${seconds}s"

# 2a. engine classes (ingest-worker's main classes only, in our own build folder) + the bench main
echo "compiling ingest-worker into ingest-worker/$build and the bench main..."
( cd "$repo" && ./mvnw -o -B -q -pl ingest-worker -Dopenvod.build.dir="$build" -DskipTests compile )
rm -rf "$benchclasses" && mkdir -p "$benchclasses"
javac -d "$benchclasses" -cp "$classes" "$here/src/org/openvod/bench/EngineBench.java"
cp="$classes:$benchclasses"

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mb() { du -sb "$1" | cut -f1; }

# our outputs must be readable before they are timed: ffmpeg demuxes every stream of the HLS/DASH
# manifests, exit 0 and not one warning (a missing segment is only a warning); ffmpeg has no Smooth Streaming demuxer, so MSS is checked by check-mss.py (every
# fragment the Manifest names exists and is a moof+mdat).
check_ours() { # $1 = output folder of one pass; prints ok/BROKEN
  local ok=ok m
  for m in "$1"/HLS_TS/index.m3u8 "$1"/CMAF/index.m3u8 "$1"/DASH/index.mpd; do
    [ -f "$m" ] || continue
    # -v error alone exits 0 and prints nothing when a segment is missing, so warnings count too
    if ! ffmpeg -nostdin -v warning -i "$m" -map 0 -c copy -f null - >"$1.check.log" 2>&1 \
        || [ -s "$1.check.log" ]; then
      ok="BROKEN(${m#$1/})"; break
    fi
  done
  if [ -f "$1/MSS/index.ism/Manifest" ]; then
    python3 "$here/check-mss.py" "$1/MSS/index.ism" >>"$1.check.log" 2>&1 || ok="BROKEN(MSS)"
  fi
  echo "$ok"
}

# ffmpeg output options per kind; $1 = kind, $2 = output folder, then the stream maps:
# V0 A0 V1 A1 V2 A2 (A* may repeat one audio stream) and AUDIOS (distinct audio streams)
ff_outputs() {
  local kind="$1" o="$2"; shift 2
  local v0="$1" a0="$2" v1="$3" a1="$4" v2="$5" a2="$6"; shift 6
  local audios=("$@") amaps=() agroup="" i=0 a
  # ADTS audio from the TS source must become raw AAC in MP4 kinds; ffmpeg does not do it by itself
  # and TS codec tags (0x1b, 0x0f) must become MP4 ones
  local abs=(-tag:v avc1 -tag:a mp4a); [ "$ADTS" = 1 ] && abs+=(-bsf:a aac_adtstoasc)
  for a in "${audios[@]}"; do amaps+=(-map "$a"); agroup+=" a:$i,agroup:aud,name:audio$i"; i=$((i+1)); done
  case "$kind" in
    HLS_TS) echo -map "$v0" -map "$a0" -map "$v1" -map "$a1" -map "$v2" -map "$a2" -c copy -bsf:v h264_mp4toannexb \
      -f hls -hls_time 6 -hls_playlist_type vod -hls_flags independent_segments \
      -hls_segment_type mpegts -hls_segment_filename "$o/HLS_TS/%v/seg_%04d.ts" \
      -master_pl_name index.m3u8 -var_stream_map "\"v:0,a:0 v:1,a:1 v:2,a:2\"" "$o/HLS_TS/%v/media.m3u8" ;;
    CMAF) echo -map "$v0" -map "$v1" -map "$v2" "${amaps[@]}" -c copy "${abs[@]}" \
      -f hls -hls_time 6 -hls_playlist_type vod -hls_flags independent_segments \
      -hls_segment_type fmp4 -hls_fmp4_init_filename init.mp4 -hls_segment_filename "$o/CMAF/%v/seg_%04d.m4s" \
      -master_pl_name index.m3u8 \
      -var_stream_map "\"v:0,agroup:aud v:1,agroup:aud v:2,agroup:aud$agroup\"" "$o/CMAF/%v/media.m3u8" ;;
    DASH) echo -map "$v0" -map "$v1" -map "$v2" "${amaps[@]}" -c copy "${abs[@]}" \
      -f dash -seg_duration 2 -use_template 1 -use_timeline 1 \
      -adaptation_sets "\"id=0,streams=v id=1,streams=a\"" "$o/DASH/index.mpd" ;;
    # one audio only: ffmpeg names MSS folders by bitrate and fails on equal ones
    MSS) echo -map "$v0" -map "$v1" -map "$v2" "${amaps[@]:0:2}" -c copy "${abs[@]}" \
      -f smoothstreaming -min_frag_duration 2000000 "$o/MSS/index.ism" ;;
  esac
}

run_case() { # $1 = source label (hls|smil), $2 = case
  local label="$1" kase="$2" root dir inputs maps kinds k
  if [ "$label" = hls ]; then
    dir="$src/hls"; root=master.m3u8; inputs=(-i "$dir/master.m3u8")
    maps=(0:0 0:1 0:2 0:3 0:4 0:5 0:1 0:3 0:5); ADTS=1
  else
    dir="$src/mp4"; root=source.smil; inputs=(-i "$dir/720p.mp4" -i "$dir/480p.mp4" -i "$dir/360p.mp4")
    maps=(0:v:0 0:a:0 1:v:0 0:a:0 2:v:0 0:a:0 0:a:0); ADTS=0 # the SMIL takes audio from 720p.mp4 only
  fi
  if [ "$kase" = ALL ]; then kinds="HLS_TS,CMAF,DASH,MSS"; else kinds="$kase"; fi
  local srcbytes; srcbytes=$(find "$dir" -name '*.ts' -o -name '*.mp4' | xargs cat | wc -c)
  local base="$work/$label-$kase" ours=() oursin=() warm=() warmn=() heap=() rss=() ff=() ffrss=() check="" ffok=1 r k
  local args=()
  for k in ${kinds//,/ }; do
    eval "args+=($(ff_outputs "$k" "$base/ffmpeg" "${maps[@]}"))"
  done
  # ours and ffmpeg alternate, so that both see the same background load
  for r in $(seq 1 "$runs"); do
    if [ "$check" = "" ] || [ "$check" = ok ]; then
      rm -rf "$base/ours" && mkdir -p "$base/ours"
      if /usr/bin/time -f "%e %M" -o "$base/ours.time" java -Xmx512m -cp "$cp" \
          org.openvod.bench.EngineBench "$dir" "$root" "$base/ours" "$kinds" >"$base/ours.log" 2>&1; then
        [ "$r" = 1 ] && check=$(check_ours "$base/ours") # a broken output is never timed
        if [ "$check" = ok ]; then
          read -r wall maxkb < <(tail -1 "$base/ours.time")
          ours+=("$wall"); rss+=("$maxkb")
          oursin+=("$(awk '/^packager_ms/ {print $2/1000}' "$base/ours.log")")
          heap+=("$(awk '/^packager_ms/ {for (i = 1; i < NF; i++) if ($i == "heap_peak_mb") print $(i+1)}' "$base/ours.log")")
          # the warm figure: the same pass after two untimed ones in the same JVM, as in a long-running
          # worker (its JIT has compiled the engine); in-JVM time of the last pass
          if [ "${WARM:-1}" = 1 ] && rm -rf "$base/warm" && WARM="$warmpasses" java -Xmx512m -cp "$cp" \
              org.openvod.bench.EngineBench "$dir" "$root" "$base/warm" "$kinds" >"$base/warm.log" 2>&1; then
            warm+=("$(awk '/^packager_ms/ {print $2/1000}' "$base/warm.log")")
            warmn+=("$(grep -c '^warm_pass' "$base/warm.log")")
          fi
          rm -rf "$base/warm"
        else
          echo "  our output unreadable ($label $kase): $(head -3 "$base/ours.check.log")"
        fi
      else
        check=FAILED; echo "  engine FAILED ($label $kase): $(tail -3 "$base/ours.log")"
      fi
    fi
    if [ "$ffok" = 1 ]; then
      rm -rf "$base/ffmpeg" && for k in ${kinds//,/ }; do mkdir -p "$base/ffmpeg/$k"; done
      if /usr/bin/time -f "%e %M" -o "$base/ffmpeg.time" ffmpeg -nostdin -hide_banner -v error -y \
          "${inputs[@]}" "${args[@]}" >"$base/ffmpeg.log" 2>&1; then
        read -r wall maxkb < <(tail -1 "$base/ffmpeg.time")
        ff+=("$wall"); ffrss+=("$maxkb")
      else
        ffok=0; ff=(); echo "  ffmpeg FAILED ($label $kase): $(tail -3 "$base/ffmpeg.log")"
      fi
    fi
  done
  local outbytes; outbytes=$(mb "$base/ours")
  local ffbytes; ffbytes=$(mb "$base/ffmpeg")
  local mo mi mw mr mf mfr
  mo=$(printf '%s\n' "${ours[@]:-nan}" | median); mi=$(printf '%s\n' "${oursin[@]:-nan}" | median)
  mw=$(printf '%s\n' "${warm[@]:-nan}" | median)
  echo "  $label $kase: warm passes timed after ${warmn[*]:-none} untimed ones; warm ${warm[*]:-none} s; ffmpeg ${ff[*]:-none} s"
  local mh; mh=$(printf '%s\n' "${heap[@]:-0}" | sort -g | tail -1)
  mr=$(printf '%s\n' "${rss[@]:-0}" | sort -g | tail -1); mf=$(printf '%s\n' "${ff[@]:-nan}" | median)
  mfr=$(printf '%s\n' "${ffrss[@]:-0}" | sort -g | tail -1)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label:$kase" "$mo" "$mi" "$mf" "$srcbytes" \
    "$mr" "$mfr" "$outbytes" "$ffbytes" "$check" "${ours[*]:-} / ${ff[*]:-}" "$mw" "$mh" >>"$results"
  [ "${KEEP:-0}" = 1 ] || rm -rf "$base/ours" "$base/ffmpeg" # GBs per case; KEEP=1 keeps them
}

rm -rf "$work" && mkdir -p "$work" && : >"$results"
echo "outputs go to $work"
for label in hls smil; do
  for kase in $cases; do
    echo "timing $label $kase ($runs runs each)..."
    run_case "$label" "$kase"
  done
done

echo
echo "source: ${seconds} s, 3 renditions (${src#$repo/}); ours = JVM process wall (-Xmx512m, incl. ~0.3 s"
echo "start-up), in-JVM = Packager.run alone, warm = in-JVM after untimed passes in the same JVM (WARM_PASSES=$warmpasses;"
echo "auto: until the JIT compiled for less than a tenth of a pass, at most 20: a running worker's steady state);"
echo "medians of $runs runs; ratio = ffmpeg/ours, warm rat = ffmpeg/warm (>1: we are faster);"
echo "heap = the cold run's peak heap use (each pool's peak, summed; largest of the runs)"
awk -F'\t' 'BEGIN {
    printf "%-12s %8s %8s %7s %9s %7s %9s %9s %9s %9s %6s %9s %s\n", "case", "ours(s)", "in-JVM", "warm", "ffmpeg(s)",
      "ratio", "warm rat", "ours MB/s", "ours RSS", "ff RSS", "heap", "out MB", "readable"
  } {
    ratio = ($2 > 0) ? $4 / $2 : 0
    wratio = ($12 > 0) ? $4 / $12 : 0
    printf "%-12s %8.2f %8.2f %7.2f %9.2f %7.2f %9.2f %9.1f %8.0fM %8.0fM %5.0fM %4.0f/%-4.0f %s\n", $1, $2, $3, $12, $4, ratio,
      wratio, ($2 > 0 ? $5 / 1e6 / $2 : 0), $6 / 1024, $7 / 1024, $13, $8 / 1e6, $9 / 1e6, $10
  }' "$results"
echo "(out MB = ours/ffmpeg; all runs, ours / ffmpeg, are in ${results#$repo/})"

# heap boundedness: the HLS-TS pass with a 64 MB heap, on the source and on a LOOPS-times longer one
if [ "$loops" -gt 1 ]; then longs=("$src" "$out/src-$((seconds * loops))s"); else longs=("$src"); fi
echo
for s in "${longs[@]}"; do
  rm -rf "$work/xmx64" && mkdir -p "$work/xmx64"
  bytes=$(find "$s/hls" -name '*.ts' | xargs cat | wc -c)
  if /usr/bin/time -f "%e %M" -o "$work/xmx64.time" java -Xmx64m -cp "$cp" org.openvod.bench.EngineBench \
      "$s/hls" master.m3u8 "$work/xmx64" HLS_TS >"$work/xmx64.log" 2>&1; then
    status="ok, output $(check_ours "$work/xmx64")"
  else
    status="FAILED: $(tail -2 "$work/xmx64.log" | tr '\n' ' ')"
  fi
  read -r wall maxkb < <(tail -1 "$work/xmx64.time")
  [ "${KEEP:-0}" = 1 ] || rm -rf "$work/xmx64"
  printf -- '-Xmx64m HLS_TS from %s (%d MB of .ts): %s s, peak RSS %d MB: %s\n' \
    "${s#$repo/}" $((bytes / 1000000)) "$wall" $((maxkb / 1024)) "$status"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)  ($(date -u '+%Y-%m-%d %H:%M UTC'))"
[ "${KEEP:-0}" = 1 ] || rm -rf "$work"
