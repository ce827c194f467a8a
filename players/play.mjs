#!/usr/bin/env node
// Plays a stream in a real player (hls.js, dash.js or Shaka Player) in headless Debian Chromium
// and prints one JSON line with what happened.
//
//   node players/play.mjs --player hlsjs|dashjs|shaka|shaka4 --url URL [--seconds 6] [--switch]
//                         [--rate 1] [--no-audio] [--timeout 40] [--stall 10]
//                         [--clearkey KIDHEX:KEYHEX ...] [--text] [--end]
//     plays one URL; exit code 0 only when ok.
//   node players/play.mjs --serve [--parallel 2]
//     reads one JSON request a line on stdin ({"id":..., "player":..., "url":..., "seconds":6,
//     "switch":false, "rate":1, "noAudio":false, "timeout":40, "stall":10,
//     "clearKeys":{"KIDHEX":"KEYHEX"}}), plays up to
//     --parallel of them at once in one browser (a fresh browser context each), and prints one
//     result line per request, with its id. Exits when stdin ends and every play is done. Saves
//     the node start and Chromium launch per play when a test suite plays many streams.
//
// ok = no player error, no HTTP error on any request, currentTime reached --seconds, video frames
// and (unless --no-audio) audio were decoded; with --switch, forcing the lowest then the highest
// video rendition must each reach the screen (videoHeight, when heights differ; the player's
// active rendition) and decode new frames. --rate plays faster than real time (every frame is
// still decoded). A stream whose currentTime stops moving for --stall seconds fails as stalled.
// --clearkey (repeatable; clearKeys in --serve) plays encrypted streams with W3C Clear Key:
// Shaka's drm.clearKeys, dash.js's protection data, and for hls.js (which asks a license server)
// the page server's POST /clearkey, answering with the keys of every request it has seen.
// --text ("text":true in --serve): the player turns its first text track on; the result lists the
// player's text tracks (textTracks) and the cues it put on the video element (cues: start, end,
// text), and ok also needs at least one text track and one cue.
// --end ("end":true in --serve): after the rest, seeks to 3 s before the end and ok also needs the
// stream to play to its end (the media element's 'ended').
// shaka4 is Shaka Player 4.16 (with codem-isoboxer, which its Smooth Streaming support needs):
// Shaka 5 dropped Smooth Streaming. PLAY_CONSOLE=1 keeps every console line, not only errors.
// The page and the player libraries come from a local server on 127.0.0.1; the media comes from
// URL (its server must send CORS headers, the page being another origin).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = path.join(here, 'node_modules');

// Each player's scripts, in load order (dash.mss adds Smooth Streaming support to dash.js).
// shaka4 is Shaka Player 4.16, the last line with a Smooth Streaming parser (Shaka 5 has none).
const LIBS = {
  hlsjs: ['hls.js/dist/hls.min.js'],
  dashjs: ['dashjs/dist/modern/umd/dash.all.min.js', 'dashjs/dist/modern/umd/dash.mss.min.js'],
  shaka: ['shaka-player/dist/shaka-player.compiled.js'],
  shaka4: ['codem-isoboxer/dist/iso_boxer.min.js', 'shaka-player-4/dist/shaka-player.compiled.js'],
};
const PACKAGES = { hlsjs: 'hls.js', dashjs: 'dashjs', shaka: 'shaka-player', shaka4: 'shaka-player-4' };

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** --end seeks to this many seconds before the end of the stream, then plays to the end. */
const END_LEAD = 3;

const DEFAULTS = { seconds: 6, switch: false, noAudio: false, timeout: 40, rate: 1, stall: 10, text: false, end: false };

const USAGE =
  'usage: node play.mjs --player hlsjs|dashjs|shaka|shaka4 --url URL [--seconds 6] [--switch] [--rate 1] ' +
  '[--no-audio] [--timeout 40] [--stall 10] [--clearkey KIDHEX:KEYHEX ...] [--text] [--end]\n' +
  '       node play.mjs --serve [--parallel 2]\n';

/** The request with defaults filled in, or an error message naming the bad field. */
function normalize(request) {
  const c = { ...DEFAULTS, ...request };
  for (const field of ['seconds', 'timeout', 'rate', 'stall']) c[field] = Number(c[field]);
  if (!LIBS[c.player]) return { error: `player must be one of ${Object.keys(LIBS).join(', ')}` };
  if (typeof c.url !== 'string' || !/^https?:\/\//.test(c.url)) return { error: 'url must be an http(s) URL' };
  if (!(c.seconds > 0)) return { error: 'seconds must be a positive number' };
  if (!(c.timeout > 0)) return { error: 'timeout must be a positive number' };
  if (!(c.rate > 0 && c.rate <= 4)) return { error: 'rate must be in (0, 4]' };
  if (!(c.stall > 0)) return { error: 'stall must be a positive number' };
  c.clearKeys = c.clearKeys || {};
  for (const [kid, key] of Object.entries(c.clearKeys)) {
    if (!/^[0-9a-fA-F]{32}$/.test(kid) || !/^[0-9a-fA-F]{32}$/.test(String(key))) {
      return { error: 'clearKeys must map 32 hex digit key ids to 32 hex digit keys' };
    }
    KNOWN_KEYS.set(kid.toLowerCase(), String(key).toLowerCase());
  }
  return { request: c };
}

// Every Clear Key key any request carried, by key id (hex), for the /clearkey license answer.
const KNOWN_KEYS = new Map();

const hexToB64url = (hex) => Buffer.from(hex, 'hex').toString('base64url');

// A W3C Clear Key license request ({"kids":[base64url]}) answered as a JWK set.
function clearKeyLicense(req, res) {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    let kids = [];
    try {
      kids = JSON.parse(body).kids || [];
    } catch (e) {
      // an unreadable request gets no keys
    }
    const keys = [];
    for (const kid of kids) {
      const hex = Buffer.from(kid, 'base64url').toString('hex');
      if (KNOWN_KEYS.has(hex)) keys.push({ kty: 'oct', kid, k: hexToB64url(KNOWN_KEYS.get(hex)) });
    }
    res.writeHead(keys.length > 0 ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys, type: 'temporary' }));
  });
}

function version(pkg) {
  return JSON.parse(fs.readFileSync(path.join(modules, pkg, 'package.json'), 'utf8')).version;
}

// Serves the page (/?player=NAME loads that player's libraries), harness.js and the libraries.
function pageServer() {
  const template = fs.readFileSync(path.join(here, 'page', 'index.html'), 'utf8');
  const files = new Map([['/harness.js', path.join(here, 'page', 'harness.js')]]);
  for (const libs of Object.values(LIBS)) for (const lib of libs) files.set(`/lib/${lib}`, path.join(modules, lib));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const libs = LIBS[url.searchParams.get('player')];
    if (url.pathname === '/clearkey' && req.method === 'POST') {
      clearKeyLicense(req, res);
    } else if (url.pathname === '/' && libs) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(template.replace('<!--LIBS-->', libs.map((l) => `<script src="/lib/${l}"></script>`).join('\n')));
    } else if (files.has(url.pathname)) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      fs.createReadStream(files.get(url.pathname)).pipe(res);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Chromium with a fresh temporary profile (playwright makes and deletes it).
function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Video renditions ordered lowest first (players disagree on their own order).
function byQuality(levels) {
  return [...levels].sort((a, b) => (a.height || 0) - (b.height || 0) || (a.bandwidth || 0) - (b.bandwidth || 0));
}

/** Plays one normalized request in a fresh context of {@code browser}; never throws. */
async function playCase(browser, pagePort, c) {
  const started = Date.now();
  const deadline = started + c.timeout * 1000;
  const result = {
    player: c.player,
    playerVersion: version(PACKAGES[c.player]),
    url: c.url,
    ok: false,
    reason: null,
    currentTime: 0,
    decodedFrames: 0,
    droppedFrames: 0,
    audioDecodedBytes: 0,
    videoWidth: 0,
    videoHeight: 0,
    levels: [],
    heightsSeen: [],
    switched: null,
    switches: [],
    errors: [],
    warnings: [],
    httpErrors: [],
    console: [],
    elapsedMs: 0,
  };
  let context;
  try {
    context = await browser.newContext();
    const page = await context.newPage();
    page.on('response', (r) => {
      if (r.status() >= 400) result.httpErrors.push({ status: r.status(), url: r.url() });
    });
    page.on('requestfailed', (r) => {
      const failure = (r.failure() && r.failure().errorText) || '';
      // Players abort in-flight requests when they switch renditions: not an error.
      if (!failure.includes('ERR_ABORTED')) result.httpErrors.push({ status: failure, url: r.url() });
    });
    page.on('console', (m) => {
      if ((m.type() === 'error' || process.env.PLAY_CONSOLE) && result.console.length < 60) result.console.push(m.text());
    });
    page.on('pageerror', (e) => result.errors.push({ source: 'page', message: String(e.message || e) }));
    await page.goto(`http://127.0.0.1:${pagePort}/?player=${c.player}`);
    await page.evaluate(
      ([p, u, r, k, t]) => window.harness.start(p, u, r, k, t),
      [c.player, c.url, c.rate, c.clearKeys, !!c.text],
    );

    let snap = await page.evaluate(() => window.harness.snapshot());
    const failed = () => snap.errors.length > 0 || result.errors.length > 0 || result.httpErrors.length > 0;
    // A broken stream usually stalls rather than erroring: give up once currentTime has not
    // moved for --stall seconds, instead of waiting for --timeout.
    let lastTime = -1;
    let lastProgressAt = Date.now();
    const sample = async () => {
      snap = await page.evaluate(() => window.harness.snapshot());
      if (snap.currentTime !== lastTime) {
        lastTime = snap.currentTime;
        lastProgressAt = Date.now();
      }
    };
    const stalled = () => Date.now() - lastProgressAt > c.stall * 1000;

    // 1. Play until currentTime passes --seconds.
    while (!failed() && !stalled() && snap.currentTime < c.seconds && Date.now() < deadline) {
      await sleep(200);
      await sample();
    }
    if (failed()) result.reason = 'player error';
    else if (snap.currentTime < c.seconds) {
      result.reason =
        `${stalled() ? 'stalled' : 'timeout'}: currentTime ${snap.currentTime.toFixed(2)} < ${c.seconds} ` +
        `(readyState ${snap.readyState})`;
    } else if (snap.decodedFrames <= 0) result.reason = 'no frame decoded';
    else if (!c.noAudio && snap.audioDecodedBytes <= 0) {
      result.reason = 'no audio decoded (pass --no-audio for streams without audio)';
    } else if (c.text && (snap.textTracks || []).length === 0) result.reason = 'no text track';
    else if (c.text && (snap.cues || []).length === 0) result.reason = 'no cue shown';

    // 2. Force the lowest, then the highest rendition; each must reach the screen and decode.
    if (c.switch && result.reason === null) {
      const levels = byQuality(snap.levels);
      if (levels.length < 2) {
        result.switched = false;
        result.reason = `--switch needs 2 video renditions, the player sees ${levels.length}`;
      } else {
        const heightsDiffer = levels[0].height !== levels[levels.length - 1].height;
        result.switched = true;
        for (const target of [levels[0], levels[levels.length - 1]]) {
          const t0 = Date.now();
          const from = { time: snap.currentTime, frames: snap.decodedFrames };
          await page.evaluate((id) => window.harness.select(id), target.id);
          const stepDeadline = Math.min(deadline, t0 + 10000);
          const reached = () =>
            snap.active === target.id &&
            (!heightsDiffer || snap.videoHeight === target.height) &&
            snap.decodedFrames >= from.frames + 10 &&
            snap.currentTime >= from.time + 1;
          // Past the end nothing more can play: fail then rather than at the step deadline.
          while (!failed() && !stalled() && !snap.ended && !reached() && Date.now() < stepDeadline) {
            await sleep(100);
            await sample();
          }
          const ok = reached() && !failed();
          result.switches.push({
            to: { id: target.id, height: target.height, bandwidth: target.bandwidth },
            ok,
            active: snap.active,
            videoHeight: snap.videoHeight,
            decodedFrames: snap.decodedFrames,
            ms: Date.now() - t0,
          });
          if (!ok) {
            result.switched = false;
            result.reason = failed()
              ? 'player error'
              : `switch to ${target.height}p (id ${target.id}) did not play: active ${snap.active}, ` +
                `videoHeight ${snap.videoHeight}, currentTime ${snap.currentTime.toFixed(2)}` +
                (snap.ended ? ' (stream ended)' : '');
            break;
          }
        }
      }
    }

    // 3. Seek to END_LEAD seconds before the end, then play to the end: the last segments play and
    // the stream ends (the media element's 'ended'), with no error and no stall.
    if (c.end && result.reason === null) {
      const duration = snap.duration;
      if (!(duration > END_LEAD + 1) || !Number.isFinite(duration)) {
        result.reason = `--end needs a finite duration over ${END_LEAD + 1} s, the player says ${duration}`;
      } else {
        const seekTo = duration - END_LEAD;
        await page.evaluate((t) => window.harness.seek(t), seekTo);
        lastProgressAt = Date.now();
        const stepDeadline = Math.min(deadline, Date.now() + 20000);
        while (!failed() && !stalled() && !snap.ended && Date.now() < stepDeadline) {
          await sleep(200);
          await sample();
        }
        result.end = { duration, seekTo, ended: snap.ended, currentTime: snap.currentTime };
        if (failed()) result.reason = 'player error';
        else if (!snap.ended) {
          result.reason =
            `${stalled() ? 'stalled' : 'timeout'} after the seek to ${seekTo.toFixed(2)} s: ` +
            `currentTime ${snap.currentTime.toFixed(2)} of ${duration.toFixed(2)}, not ended`;
        }
      }
    }

    Object.assign(result, {
      currentTime: snap.currentTime,
      decodedFrames: snap.decodedFrames,
      droppedFrames: snap.droppedFrames,
      audioDecodedBytes: snap.audioDecodedBytes,
      videoWidth: snap.videoWidth,
      videoHeight: snap.videoHeight,
      levels: snap.levels,
      heightsSeen: snap.heightsSeen,
      errors: result.errors.concat(snap.errors),
      warnings: snap.warnings,
      ...(c.text
        ? { textTracks: snap.textTracks || [], nativeTracks: snap.nativeTracks || [], cues: snap.cues || [] }
        : {}),
    });
    result.ok = result.reason === null && result.errors.length === 0 && result.httpErrors.length === 0;
  } catch (e) {
    result.ok = false;
    result.reason = `harness failure: ${e.message}`;
  } finally {
    if (context) await context.close().catch(() => {});
  }
  result.elapsedMs = Date.now() - started;
  return result;
}

const line = (object) => process.stdout.write(JSON.stringify(object) + '\n');

async function playOne(args) {
  const { request, error } = normalize({
    player: args.player,
    url: args.url,
    seconds: args.seconds ?? DEFAULTS.seconds,
    switch: args.switch,
    noAudio: args['no-audio'],
    text: args.text,
    end: args.end,
    timeout: args.timeout ?? DEFAULTS.timeout,
    rate: args.rate ?? DEFAULTS.rate,
    stall: args.stall ?? DEFAULTS.stall,
    clearKeys: Object.fromEntries((args.clearkey || []).map((pair) => pair.split(':'))),
  });
  if (error) {
    process.stderr.write(`${error}\n${USAGE}`);
    process.exit(2);
  }
  const server = await pageServer();
  let browser;
  let result;
  try {
    browser = await launchBrowser();
    result = await playCase(browser, server.address().port, request);
  } catch (e) {
    result = { player: request.player, url: request.url, ok: false, reason: `harness failure: ${e.message}` };
  } finally {
    if (browser) await browser.close().catch(() => {});
    server.close();
  }
  line(result);
  process.exit(result.ok ? 0 : 1);
}

async function serve(parallel) {
  const server = await pageServer();
  const port = server.address().port;
  let browser = null;
  const browserReady = () => {
    // One browser for every play; launched again if it died.
    if (!browser) {
      browser = launchBrowser().then((b) => {
        b.on('disconnected', () => {
          browser = null;
        });
        return b;
      });
      browser.catch(() => {
        browser = null;
      });
    }
    return browser;
  };
  const queue = [];
  let running = 0;
  let inputEnded = false;

  const handle = async (text) => {
    let request;
    try {
      request = JSON.parse(text);
    } catch (e) {
      line({ id: null, ok: false, reason: `bad request line: ${e.message}` });
      return;
    }
    const { request: c, error } = normalize(request);
    if (error) {
      line({ id: request.id ?? null, ok: false, reason: `bad request: ${error}` });
      return;
    }
    try {
      line({ id: c.id ?? null, ...(await playCase(await browserReady(), port, c)) });
    } catch (e) {
      line({ id: c.id ?? null, player: c.player, url: c.url, ok: false, reason: `harness failure: ${e.message}` });
    }
  };
  const finishIfDone = async () => {
    if (inputEnded && running === 0 && queue.length === 0) {
      if (browser) await (await browser.catch(() => null))?.close().catch(() => {});
      server.close();
      process.exit(0);
    }
  };
  const pump = () => {
    while (running < parallel && queue.length > 0) {
      running++;
      handle(queue.shift()).finally(() => {
        running--;
        pump();
        finishIfDone();
      });
    }
  };
  const input = readline.createInterface({ input: process.stdin });
  input.on('line', (text) => {
    if (text.trim()) {
      queue.push(text);
      pump();
    }
  });
  input.on('close', () => {
    inputEnded = true;
    finishIfDone();
  });
}

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      serve: { type: 'boolean', default: false },
      parallel: { type: 'string', default: '2' },
      player: { type: 'string' },
      url: { type: 'string' },
      seconds: { type: 'string' },
      switch: { type: 'boolean', default: false },
      'no-audio': { type: 'boolean', default: false },
      text: { type: 'boolean', default: false },
      end: { type: 'boolean', default: false },
      timeout: { type: 'string' },
      rate: { type: 'string' },
      stall: { type: 'string' },
      clearkey: { type: 'string', multiple: true },
    },
  }));
} catch (e) {
  process.stderr.write(`${e.message}\n${USAGE}`);
  process.exit(2);
}
if (args.serve) {
  const parallel = Number(args.parallel);
  if (!(parallel >= 1)) {
    process.stderr.write(`--parallel must be at least 1\n${USAGE}`);
    process.exit(2);
  }
  await serve(parallel);
} else {
  await playOne(args);
}
