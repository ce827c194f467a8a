#!/usr/bin/env bash
# Makes (once; cached) the benchmark source under bench/out/engine/src-<N>s:
#   mp4/{720p,480p,360p}.mp4 + mp4/source.smil   (one libx264 encode, 2 s GOPs, AAC in each file)
#   hls/master.m3u8 + hls/<name>/index.m3u8 + 6 s .ts segments (remuxed -c copy from the MP4s)
# and, with a second argument `loops` > 1, a longer copy made by looping the N-second MP4s
# (-stream_loop, -c copy: no re-encode) into src-<N*loops>s.
#   bench/engine/make-source.sh [seconds] [loops]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(cd "$here/../.." && pwd)/bench/out/engine"
seconds="${1:-300}"
loops="${2:-1}"
ff=(ffmpeg -hide_banner -nostdin -loglevel error -y)

write_smil() {
  cat > "$1/source.smil" <<'SMIL'
<?xml version="1.0" encoding="utf-8"?>
<smil>
  <body>
    <switch>
      <video src="720p.mp4" systemLanguage="eng" audioName="English" includeAudio="true"/>
      <video src="480p.mp4" systemLanguage="eng" audioName="English" includeAudio="false"/>
      <video src="360p.mp4" systemLanguage="eng" audioName="English" includeAudio="false"/>
    </switch>
  </body>
</smil>
SMIL
}

mp4_to_hls() { # $1 = folder with the MP4s, $2 = hls folder
  mkdir -p "$2"
  ( cd "$2" && "${ff[@]}" -i "$1/720p.mp4" -i "$1/480p.mp4" -i "$1/360p.mp4" \
      -map 0:v -map 0:a -map 1:v -map 1:a -map 2:v -map 2:a -c copy -bsf:v h264_mp4toannexb \
      -f hls -hls_time 6 -hls_playlist_type vod -hls_flags independent_segments \
      -hls_segment_type mpegts -hls_segment_filename "%v/seg_%04d.ts" -master_pl_name master.m3u8 \
      -var_stream_map "v:0,a:0,name:720p v:1,a:1,name:480p v:2,a:2,name:360p" "%v/index.m3u8" )
}

base="$out/src-${seconds}s"
if [ ! -f "$base/.done" ]; then
  rm -rf "$base" && mkdir -p "$base/mp4"
  echo "generating a ${seconds} s source in $base (libx264 ultrafast + 2 B-frames, AAC)..." >&2
  start=$(date +%s)
  ( cd "$base/mp4" && "${ff[@]}" \
      -f lavfi -i "testsrc2=size=1280x720:rate=30:duration=$seconds" \
      -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=$seconds" \
      -filter_complex "[0:v]split=3[v1][v2][v3];[v2]scale=854:480[v2o];[v3]scale=640:360[v3o];[1:a]pan=stereo|c0=c0|c1=c0,asplit=3[a1][a2][a3]" \
      -map "[v1]" -map "[a1]" -c:v libx264 -preset ultrafast -bf 2 -profile:v high -pix_fmt yuv420p \
        -b:v 3000k -maxrate 3000k -bufsize 6000k -g 60 -keyint_min 60 -sc_threshold 0 \
        -c:a aac -b:a 128k -ar 48000 -ac 2 -movflags +faststart 720p.mp4 \
      -map "[v2o]" -map "[a2]" -c:v libx264 -preset ultrafast -bf 2 -profile:v main -pix_fmt yuv420p \
        -b:v 1200k -maxrate 1200k -bufsize 2400k -g 60 -keyint_min 60 -sc_threshold 0 \
        -c:a aac -b:a 128k -ar 48000 -ac 2 -movflags +faststart 480p.mp4 \
      -map "[v3o]" -map "[a3]" -c:v libx264 -preset ultrafast -bf 2 -profile:v main -pix_fmt yuv420p \
        -b:v 600k -maxrate 600k -bufsize 1200k -g 60 -keyint_min 60 -sc_threshold 0 \
        -c:a aac -b:a 96k -ar 48000 -ac 2 -movflags +faststart 360p.mp4 )
  write_smil "$base/mp4"
  mp4_to_hls "$base/mp4" "$base/hls"
  touch "$base/.done"
  echo "generated in $(( $(date +%s) - start )) s" >&2
fi

if [ "$loops" -gt 1 ]; then
  long="$out/src-$(( seconds * loops ))s"
  if [ ! -f "$long/.done" ]; then
    rm -rf "$long" && mkdir -p "$long/mp4"
    echo "looping the ${seconds} s MP4s ${loops}x into $long (-c copy)..." >&2
    for r in 720p 480p 360p; do
      "${ff[@]}" -stream_loop $(( loops - 1 )) -i "$base/mp4/$r.mp4" -map 0 -c copy \
        -movflags +faststart "$long/mp4/$r.mp4"
    done
    write_smil "$long/mp4"
    mp4_to_hls "$long/mp4" "$long/hls"
    touch "$long/.done"
  fi
fi
