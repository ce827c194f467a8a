#!/usr/bin/env bash
# Generates OpenVOD's bundled sample with ffmpeg (media files are never committed):
#   <out>/mp4/sample_{720p,480p,360p}.mp4 + <out>/mp4/sample.smil   (the SMIL/MP4 form)
#   <out>/hls/index.m3u8 + <out>/hls/{720p,480p,360p}/index.m3u8     (the HLS-TS form, same streams)
# Three H.264 renditions with a key frame every 2 s and AAC-LC stereo 48 kHz in each; 6 s HLS
# segments. SAMPLE_SECONDS (default 20) sets the duration.
# Usage: deploy/sample/generate.sh <out-dir>
set -euo pipefail
out="${1:?usage: generate.sh <out-dir>}"
seconds="${SAMPLE_SECONDS:-20}"
command -v ffmpeg >/dev/null || { echo "generate.sh: ffmpeg is needed (apt-get install ffmpeg)" >&2; exit 1; }

out="${out%/}"
mkdir -p "$(dirname "$out")"
work="$(mktemp -d "$out.tmp.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/mp4" "$work/hls"

# One encode, split three ways; fixed 2 s GOPs (60 frames at 30 fps, no scene-cut key frames).
ffmpeg -hide_banner -nostdin -loglevel error -y \
  -f lavfi -i "testsrc2=size=1280x720:rate=30:duration=${seconds}" \
  -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=${seconds}" \
  -filter_complex "[0:v]split=3[v1][v2][v3];[v2]scale=854:480[v2o];[v3]scale=640:360[v3o];[1:a]pan=stereo|c0=c0|c1=c0,asplit=3[a1][a2][a3]" \
  -map "[v1]" -map "[a1]" -c:v libx264 -preset veryfast -profile:v high -level:v 3.1 -pix_fmt yuv420p \
     -b:v 2000k -maxrate 2000k -bufsize 4000k -g 60 -keyint_min 60 -sc_threshold 0 \
     -c:a aac -b:a 128k -ar 48000 -ac 2 -movflags +faststart "$work/mp4/sample_720p.mp4" \
  -map "[v2o]" -map "[a2]" -c:v libx264 -preset veryfast -profile:v main -level:v 3.0 -pix_fmt yuv420p \
     -b:v 1000k -maxrate 1000k -bufsize 2000k -g 60 -keyint_min 60 -sc_threshold 0 \
     -c:a aac -b:a 128k -ar 48000 -ac 2 -movflags +faststart "$work/mp4/sample_480p.mp4" \
  -map "[v3o]" -map "[a3]" -c:v libx264 -preset veryfast -profile:v main -level:v 3.0 -pix_fmt yuv420p \
     -b:v 500k -maxrate 500k -bufsize 1000k -g 60 -keyint_min 60 -sc_threshold 0 \
     -c:a aac -b:a 96k -ar 48000 -ac 2 -movflags +faststart "$work/mp4/sample_360p.mp4"

cat > "$work/mp4/sample.smil" <<'SMIL'
<?xml version="1.0" encoding="utf-8"?>
<smil>
  <body>
    <switch>
      <video src="sample_720p.mp4" systemLanguage="eng" audioName="English" includeAudio="true"/>
      <video src="sample_480p.mp4" systemLanguage="eng" audioName="English" includeAudio="false"/>
      <video src="sample_360p.mp4" systemLanguage="eng" audioName="English" includeAudio="false"/>
    </switch>
  </body>
</smil>
SMIL

# The same streams remuxed (no re-encode) into an HLS-TS multivariant set; the Annex B filter
# lets ffmpeg write CODECS into the multivariant playlist.
(cd "$work/hls" && ffmpeg -hide_banner -nostdin -loglevel error -y \
  -i ../mp4/sample_720p.mp4 -i ../mp4/sample_480p.mp4 -i ../mp4/sample_360p.mp4 \
  -map 0:v -map 0:a -map 1:v -map 1:a -map 2:v -map 2:a -c copy -bsf:v h264_mp4toannexb \
  -f hls -hls_time 6 -hls_playlist_type vod -hls_flags independent_segments \
  -hls_segment_type mpegts -hls_segment_filename "%v/seg_%03d.ts" \
  -master_pl_name index.m3u8 -var_stream_map "v:0,a:0,name:720p v:1,a:1,name:480p v:2,a:2,name:360p" \
  "%v/index.m3u8")

touch "$work/.complete"
rm -rf "$out"
mv "$work" "$out"
trap - EXIT
