#!/usr/bin/env bash
# Benchmark: the cost of each encryption mode of the media engine next to the clear pass of the same
# format, from the same source, in the same run (alternating), plus ffmpeg's own AES-128 HLS against
# its clear HLS as a peer (ffmpeg's fragmented-MP4 cenc writes no senc boxes, so it is no peer there).
#   bench/engine/encryption.sh [seconds]       (default 300; the source of run.sh, generated once)
# Environment: RUNS (default 3), PAIRS (default "HLS_TS+AES_128 HLS_TS+SAMPLE_AES CMAF+CBCS DASH+CENC
# MSS+CENC"), SOURCES (default "hls smil").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
seconds="${1:-300}"
runs="${RUNS:-3}"
pairs="${PAIRS:-HLS_TS+AES_128 HLS_TS+SAMPLE_AES CMAF+CBCS DASH+CENC MSS+CENC}"
sources="${SOURCES:-hls smil}"
out="$repo/bench/out/engine"
build="target-benchengine"
classes="$repo/ingest-worker/$build/classes"
benchclasses="$repo/ingest-worker/$build/bench-classes"
work="$out/enc-runs"
results="$out/encryption.tsv"
key=00112233445566778899aabbccddeeff # EngineBench.KEY_HEX

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores)"
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null
"$here/make-source.sh" "$seconds" 1
src="$out/src-${seconds}s"
echo "compiling ingest-worker into ingest-worker/$build and the bench main..."
( cd "$repo" && ./mvnw -o -B -q -pl ingest-worker -Dopenvod.build.dir="$build" -DskipTests compile )
rm -rf "$benchclasses" && mkdir -p "$benchclasses"
javac -d "$benchclasses" -cp "$classes" "$here/src/org/openvod/bench/EngineBench.java"
cp="$classes:$benchclasses"
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# an encrypted output must be encrypted and decode before it is timed. HLS: the media playlists say
# METHOD=AES-128 / SAMPLE-AES and ffmpeg decodes the first 20 s with the key from the playlist's URI
# (AES-128 segments must not start with a TS sync byte); CMAF/DASH: the first video init segment has
# an encv entry and ffmpeg decodes init + first segment with -decryption_key (its DASH and HLS
# demuxers do not pass the key on); MSS: the Manifest has a ProtectionHeader and check-mss.py
# finds every fragment.
check() { # $1 = output folder of one output, $2 = output name
  local log="$1.check.log" v
  case "$2" in
    HLS_TS+AES_128|HLS_TS+SAMPLE_AES)
      local method=AES-128; [ "$2" = HLS_TS+SAMPLE_AES ] && method=SAMPLE-AES
      grep -rqs "METHOD=$method" --include='*.m3u8' "$1" || { echo "BROKEN(no METHOD=$method)"; return; }
      if [ "$method" = AES-128 ] && [ "$(head -c1 "$(find "$1" -name '*.ts' | sort | head -1)" | od -An -tx1 | tr -d ' ')" = 47 ]; then
        echo "BROKEN(segments in the clear)"; return
      fi
      ffmpeg -nostdin -v error -allowed_extensions ALL -i "$1/index.m3u8" -map 0:v:0 -t 20 -f null - >"$log" 2>&1 ;;
    CMAF+CBCS|DASH+CENC)
      v=$(find "$1" -maxdepth 1 -name 'video*' -type d | sort | head -1)
      grep -qs encv "$v/init.mp4" || { echo "BROKEN(no encv in ${v##*/}/init.mp4)"; return; }
      cat "$v/init.mp4" "$v/segment_1.m4s" >"$1.first.mp4"
      ffmpeg -nostdin -v error -decryption_key "$key" -i "$1.first.mp4" -f null - >"$log" 2>&1 ;;
    MSS+CENC)
      grep -qs ProtectionHeader "$1/index.ism/Manifest" || { echo "BROKEN(no ProtectionHeader)"; return; }
      python3 "$here/check-mss.py" "$1/index.ism" >"$log" 2>&1 && echo "ok(fragments)" || echo BROKEN
      return ;;
  esac
  if [ $? = 0 ] && [ ! -s "$log" ]; then echo ok; else echo "BROKEN($(head -c 120 "$log" | tr '\n' ' '))"; fi
}

time_ours() { # $1 = dir, $2 = root, $3 = output name, $4 = folder; prints wall seconds
  rm -rf "$4" && mkdir -p "$4"
  /usr/bin/time -f "%e" -o "$4.time" java -Xmx512m -cp "$cp" org.openvod.bench.EngineBench \
    "$1" "$2" "$4" "$3" >"$4.log" 2>&1 || { echo "FAILED: $(tail -2 "$4.log" | tr '\n' ' ')" >&2; return 1; }
  tail -1 "$4.time"
}

rm -rf "$work" && mkdir -p "$work" && : >"$results"
for label in $sources; do
  if [ "$label" = hls ]; then dir="$src/hls"; root=master.m3u8; else dir="$src/mp4"; root=source.smil; fi
  for pair in $pairs; do
    clear="${pair%%+*}"; folder="${pair/+/-}"; c=(); e=(); status=""
    echo "timing $label $clear vs $pair ($runs runs each)..."
    for r in $(seq 1 "$runs"); do
      w=$(time_ours "$dir" "$root" "$clear" "$work/clear") && c+=("$w") || break
      w=$(time_ours "$dir" "$root" "$pair" "$work/enc") || { status=FAILED; break; }
      e+=("$w")
      [ "$r" = 1 ] && status=$(check "$work/enc/$folder" "$pair")
      [ "${status%%(*}" = ok ] || break
    done
    printf '%s\t%s\t%s\t%s\t%s\n' "$label:$pair" "$(printf '%s\n' "${c[@]:-nan}" | median)" \
      "$(printf '%s\n' "${e[@]:-nan}" | median)" "$status" "${c[*]:-} / ${e[*]:-}" >>"$results"
  done
  # the peer: ffmpeg's HLS-TS, clear and AES-128 (-hls_enc), one rendition with its audio
  if [ "$label" = hls ]; then in=(-i "$dir/master.m3u8" -map 0:0 -map 0:1); else in=(-i "$dir/720p.mp4" -map 0:v:0 -map 0:a:0); fi
  fc=(); fe=()
  for r in $(seq 1 "$runs"); do
    for mode in clear aes; do
      rm -rf "$work/ff" && mkdir -p "$work/ff"
      enc=(); [ $mode = aes ] && enc=(-hls_enc 1 -hls_enc_key "$key" -hls_enc_key_url key.bin)
      /usr/bin/time -f "%e" -o "$work/ff.time" ffmpeg -nostdin -v error -y "${in[@]}" -c copy -bsf:v h264_mp4toannexb \
        -f hls -hls_time 6 -hls_playlist_type vod "${enc[@]}" -hls_segment_filename "$work/ff/s%04d.ts" "$work/ff/index.m3u8"
      if [ $mode = aes ]; then fe+=("$(tail -1 "$work/ff.time")"); else fc+=("$(tail -1 "$work/ff.time")"); fi
    done
  done
  printf '%s\t%s\t%s\t%s\t%s\n' "$label:ffmpeg HLS_TS+AES_128 (720p only)" "$(printf '%s\n' "${fc[@]}" | median)" \
    "$(printf '%s\n' "${fe[@]}" | median)" "peer" "${fc[*]} / ${fe[*]}" >>"$results"
done
rm -rf "$work"

echo
echo "source: ${seconds} s, 3 renditions (${src#$repo/}); one JVM (or ffmpeg) process per pass, wall seconds,"
echo "medians of $runs; cost = encrypted/clear (1.10 = encryption adds 10 %)"
awk -F'\t' 'BEGIN { printf "%-42s %9s %9s %6s  %s\n", "case", "clear(s)", "enc(s)", "cost", "decodes" }
  { printf "%-42s %9.2f %9.2f %6.2f  %s\n", $1, $2, $3, ($2 > 0 ? $3 / $2 : 0), $4 }' "$results"
echo "(all runs in ${results#$repo/})"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)  ($(date -u '+%Y-%m-%d %H:%M UTC'))"
