// Browser side of the playback harness: wraps hls.js, dash.js and Shaka Player behind one small
// interface (start, snapshot, select) so play.mjs drives all three the same way.
(function () {
  'use strict';
  const video = document.getElementById('v');
  const errors = [];
  const warnings = [];
  const heightsSeen = [];
  let adapter = null;

  function remember(list, entry) {
    if (list.length < 50) list.push(entry);
  }

  video.addEventListener('error', () => {
    const e = video.error;
    remember(errors, { source: 'video', code: e && e.code, message: e && e.message });
  });
  video.addEventListener('resize', () => {
    if (video.videoHeight && !heightsSeen.includes(video.videoHeight)) {
      heightsSeen.push(video.videoHeight);
    }
  });

  // Clear Key keys as {kidHex: keyHex}; null = the stream is clear.
  let clearKeys = null;

  // --text: the player turns its first text track on, and snapshots report text tracks and cues.
  let showText = false;
  let textSelected = false; // the harness (not the player) chose the text track

  // The text of a dash.js TTML cue: imsc.js's ISD tree (spans' text, br as a line break).
  function isdText(node) {
    if (!node || typeof node !== 'object') return '';
    if (node.kind === 'br') return '\n';
    if (typeof node.text === 'string') return node.text;
    return (node.contents || []).map(isdText).join('');
  }

  // Every cue seen so far on the video element's text tracks that are not disabled (what the
  // players put there; they remove played cues, so each snapshot adds to what earlier ones saw).
  const cuesSeen = new Map();
  function nativeCues() {
    for (const track of Array.from(video.textTracks)) {
      if (track.mode === 'disabled' || !track.cues) continue;
      for (const cue of Array.from(track.cues)) {
        if (cuesSeen.size >= 200) break;
        let text = cue.text || '';
        if (!text && cue.isd) text = isdText(cue.isd);
        if (!text && cue.cueHTMLElement) text = cue.cueHTMLElement.textContent || '';
        text = text.replace(/<[^>]*>/g, ''); // Shaka's WebVTT-style class tags
        const seen = { track: track.label || track.language || '', start: cue.startTime, end: cue.endTime, text };
        cuesSeen.set(JSON.stringify(seen), seen);
      }
    }
    return Array.from(cuesSeen.values()).sort((a, b) => a.start - b.start);
  }

  // hex -> base64url without padding (the JWK form of W3C Clear Key).
  function b64url(hex) {
    const bytes = hex.match(/../g).map((h) => parseInt(h, 16));
    return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function hlsjs(url) {
    const config = { enableWorker: true };
    if (clearKeys) {
      // hls.js asks a license server: play.mjs's page server answers /clearkey with these keys.
      config.emeEnabled = true;
      config.drmSystems = { 'org.w3.clearkey': { licenseUrl: '/clearkey' } };
    }
    const hls = new Hls(config);
    hls.on(Hls.Events.ERROR, (event, d) => {
      const entry = {
        source: 'hls.js',
        type: d.type,
        details: d.details,
        fatal: d.fatal,
        url: (d.frag && d.frag.url) || d.url || (d.context && d.context.url) || undefined,
        response: d.response && d.response.code,
        reason: String(d.reason || d.error || ''),
      };
      remember(d.fatal ? errors : warnings, entry);
    });
    hls.loadSource(url);
    hls.attachMedia(video);
    return {
      levels: () =>
        hls.levels.map((l, i) => ({
          id: String(i),
          width: l.width,
          height: l.height,
          bandwidth: l.bitrate,
          codecs: [l.videoCodec, l.audioCodec].filter(Boolean).join(','),
        })),
      // currentLevel is the level of the fragment being played, not the one being loaded.
      active: () => (hls.currentLevel >= 0 ? String(hls.currentLevel) : null),
      select: (id) => {
        hls.currentLevel = Number(id);
      },
    };
  }

  function dashjsPlayer(url) {
    const player = dashjs.MediaPlayer().create();
    player.updateSettings({ debug: { logLevel: dashjs.Debug.LOG_LEVEL_NONE } });
    player.on(dashjs.MediaPlayer.events.ERROR, (e) => {
      const err = e.error || {};
      remember(errors, { source: 'dash.js', code: err.code, message: err.message, data: err.data && String(err.data.url || '') });
    });
    player.on(dashjs.MediaPlayer.events.PLAYBACK_ERROR, (e) => {
      remember(errors, { source: 'dash.js', event: 'playbackError', message: String(e.error && (e.error.message || e.error)) });
    });
    if (clearKeys) {
      const keys = {};
      for (const [kid, key] of Object.entries(clearKeys)) keys[b64url(kid)] = b64url(key);
      player.setProtectionData({ 'org.w3.clearkey': { clearkeys: keys } });
    }
    if (showText) {
      player.updateSettings({ streaming: { text: { defaultEnabled: true } } });
      player.on(dashjs.MediaPlayer.events.STREAM_INITIALIZED, () => {
        const tracks = player.getTracksFor('text') || [];
        if (tracks.length > 0) player.setCurrentTrack(tracks[0]);
        player.enableText(true);
      });
    }
    player.initialize(video, url, true);
    if (showText) {
      // dash.js renders TTML (imsc.js) into a div; without one it adds no cue at all
      const ttmlDiv = document.createElement('div');
      document.body.appendChild(ttmlDiv);
      player.attachTTMLRenderingDiv(ttmlDiv);
    }
    return {
      texts: () =>
        (player.getTracksFor('text') || []).map((t) => ({
          language: t.lang,
          mimeType: t.mimeType,
          codecs: t.codec,
          roles: (t.roles || []).map((r) => (r && r.value) || String(r)),
        })),
      levels: () =>
        (player.getRepresentationsByType('video') || []).map((r) => ({
          id: String(r.id),
          width: r.width,
          height: r.height,
          bandwidth: r.bandwidth,
          codecs: r.codecs,
        })),
      active: () => {
        const r = player.getCurrentRepresentationForType('video');
        return r ? String(r.id) : null;
      },
      select: (id) => {
        player.updateSettings({ streaming: { abr: { autoSwitchBitrate: { video: false } } } });
        player.setRepresentationForTypeById('video', id, true);
      },
    };
  }

  function shakaPlayer(url) {
    shaka.polyfill.installAll();
    const player = new shaka.Player();
    const onError = (error) => {
      const entry = {
        source: 'shaka',
        code: error.code,
        category: error.category,
        severity: error.severity,
        message: String(error.message || ''),
        data: (error.data || []).map((d) => String(d)).slice(0, 4),
      };
      // Severity 1 (RECOVERABLE) is retried by Shaka itself; 2 (CRITICAL) stops playback.
      remember(error.severity === 2 ? errors : warnings, entry);
    };
    player.addEventListener('error', (e) => onError(e.detail));
    if (clearKeys) player.configure({ drm: { clearKeys } });
    const mime = /\/Manifest(\?|$)/.test(url) ? 'application/vnd.ms-sstr+xml' : undefined;
    player
      .attach(video)
      .then(() => player.load(url, null, mime))
      .then(() => {
        if (showText) {
          const tracks = player.getTextTracks();
          // selecting a track reloads its segments, and a reload that races the first load can
          // lose every cue: select only when Shaka chose none by itself
          if (tracks.length > 0 && !tracks.some((t) => t.active)) {
            textSelected = true;
            player.selectTextTrack(tracks[0]);
          }
          // Shaka 4 hides selected text until told; Shaka 5 shows the selected track
          if (player.setTextTrackVisibility) player.setTextTrackVisibility(true);
        }
      })
      .then(() => video.play())
      .catch((e) => {
        if (e && e.code) {
          if (e.code !== 7000) onError(Object.assign({}, e, { severity: 2 })); // 7000 = load interrupted
        } else {
          remember(errors, { source: 'shaka', message: String(e) });
        }
      });
    return {
      texts: () =>
        player.getTextTracks().map((t) => ({
          language: t.language,
          mimeType: t.mimeType,
          codecs: t.codecs,
          roles: t.roles || [],
          active: t.active,
        })),
      levels: () =>
        player.getVariantTracks().map((t) => ({
          id: String(t.id),
          width: t.width,
          height: t.height,
          bandwidth: t.bandwidth,
          codecs: t.codecs,
        })),
      active: () => {
        const t = player.getVariantTracks().find((x) => x.active);
        return t ? String(t.id) : null;
      },
      select: (id) => {
        player.configure({ abr: { enabled: false } });
        const t = player.getVariantTracks().find((x) => String(x.id) === id);
        player.selectVariantTrack(t, true);
      },
    };
  }

  window.harness = {
    start(player, url, rate, keys, text) {
      clearKeys = keys && Object.keys(keys).length > 0 ? keys : null;
      showText = !!text;
      // A faster rate shortens the suite; every frame is still decoded.
      video.defaultPlaybackRate = rate || 1;
      video.playbackRate = rate || 1;
      if (player === 'hlsjs') adapter = hlsjs(url);
      else if (player === 'dashjs') adapter = dashjsPlayer(url);
      else if (player === 'shaka' || player === 'shaka4') adapter = shakaPlayer(url);
      else throw new Error('unknown player ' + player);
      video.play().catch(() => {}); // autoplay; the players call play() again when ready
    },
    snapshot() {
      const texts = () => {
        let textTracks = [];
        try {
          textTracks = adapter.texts ? adapter.texts() : [];
        } catch (e) {
          // the player has no manifest yet
        }
        const nativeTracks = Array.from(video.textTracks).map((t) => ({
          kind: t.kind,
          label: t.label,
          language: t.language,
          mode: t.mode,
          cues: t.cues ? t.cues.length : 0,
        }));
        return { textTracks, textSelected, nativeTracks, cues: nativeCues() };
      };
      const q = video.getVideoPlaybackQuality();
      let levels = [];
      let active = null;
      try {
        levels = adapter.levels();
        active = adapter.active();
      } catch (e) {
        // the player has no manifest yet
      }
      return {
        currentTime: video.currentTime,
        readyState: video.readyState,
        paused: video.paused,
        ended: video.ended,
        duration: video.duration,
        videoWidth: video.videoWidth,
        videoHeight: video.videoHeight,
        decodedFrames: q.totalVideoFrames,
        // Chromium's own counter: proves the audio track was demuxed and decoded too.
        audioDecodedBytes: video.webkitAudioDecodedByteCount || 0,
        droppedFrames: q.droppedVideoFrames,
        heightsSeen: heightsSeen.slice(),
        levels,
        active,
        errors: errors.slice(),
        warnings: warnings.slice(),
        ...(showText ? texts() : {}),
      };
    },
    select(id) {
      adapter.select(id);
    },
    // through the media element, as a user's seek bar does: every player follows its 'seeking'
    seek(time) {
      video.currentTime = time;
    },
  };
})();
