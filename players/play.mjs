#!/usr/bin/env node
// Plays one stream in a real player (hls.js, dash.js or Shaka Player) in headless Debian Chromium
// and prints one JSON line with what happened. Exit code 0 only when playback was ok.
//
//   node players/play.mjs --player hlsjs|dashjs|shaka --url URL [--seconds 6] [--switch]
//                         [--timeout 40] [--rate 1] [--no-audio]
//
// ok = no player error, no HTTP error on a media request, currentTime reached --seconds, video
// frames and (unless --no-audio) audio were decoded; with --switch, forcing the lowest then the highest video rendition must
// each show that rendition on screen (videoHeight, when heights differ) and decode new frames.
// The page and the player libraries come from a local server on 127.0.0.1; the media comes from
// URL (its server must send CORS headers when it is another origin).
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = path.join(here, 'node_modules');

// Each player's scripts, in load order (dash.mss adds Smooth Streaming support to dash.js).
const LIBS = {
  hlsjs: ['hls.js/dist/hls.min.js'],
  dashjs: ['dashjs/dist/modern/umd/dash.all.min.js', 'dashjs/dist/modern/umd/dash.mss.min.js'],
  shaka: ['shaka-player/dist/shaka-player.compiled.js'],
};
const PACKAGES = { hlsjs: 'hls.js', dashjs: 'dashjs', shaka: 'shaka-player' };

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

function usage(message) {
  process.stderr.write(
    `${message}\nusage: node play.mjs --player hlsjs|dashjs|shaka --url URL [--seconds 6] [--switch] [--timeout 40] [--rate 1] [--no-audio]\n`,
  );
  process.exit(2);
}

function options() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        player: { type: 'string' },
        url: { type: 'string' },
        seconds: { type: 'string', default: '6' },
        switch: { type: 'boolean', default: false },
        'no-audio': { type: 'boolean', default: false },
        timeout: { type: 'string', default: '40' },
        rate: { type: 'string', default: '1' },
        stall: { type: 'string', default: '10' },
        chromium: { type: 'string', default: process.env.CHROMIUM || '/usr/bin/chromium' },
      },
    }));
  } catch (e) {
    usage(e.message);
  }
  if (!LIBS[values.player]) usage(`--player must be one of ${Object.keys(LIBS).join(', ')}`);
  if (!values.url || !/^https?:\/\//.test(values.url)) usage('--url must be an http(s) URL');
  const seconds = Number(values.seconds);
  const timeout = Number(values.timeout);
  const rate = Number(values.rate);
  const stall = Number(values.stall);
  if (!(stall > 0)) usage('--stall must be a positive number');
  if (!(rate > 0 && rate <= 4)) usage('--rate must be in (0, 4]');
  if (!(seconds > 0)) usage('--seconds must be a positive number');
  if (!(timeout > 0)) usage('--timeout must be a positive number');
  return { ...values, seconds, timeout, rate, stall };
}

function version(pkg) {
  return JSON.parse(fs.readFileSync(path.join(modules, pkg, 'package.json'), 'utf8')).version;
}

// Serves the page, harness.js and the player's libraries from node_modules.
function pageServer(player) {
  const html = fs
    .readFileSync(path.join(here, 'page', 'index.html'), 'utf8')
    .replace('<!--LIBS-->', LIBS[player].map((l) => `<script src="/lib/${l}"></script>`).join('\n'));
  const files = new Map([['/harness.js', path.join(here, 'page', 'harness.js')]]);
  for (const lib of LIBS[player]) files.set(`/lib/${lib}`, path.join(modules, lib));
  const server = http.createServer((req, res) => {
    const p = new URL(req.url, 'http://x').pathname;
    if (p === '/' || p === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    } else if (files.has(p)) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      fs.createReadStream(files.get(p)).pipe(res);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port })),
  );
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Video renditions ordered lowest first (players disagree on their own order).
function byQuality(levels) {
  return [...levels].sort((a, b) => (a.height || 0) - (b.height || 0) || (a.bandwidth || 0) - (b.bandwidth || 0));
}

async function run(opts) {
  const started = Date.now();
  const deadline = started + opts.timeout * 1000;
  const result = {
    player: opts.player,
    playerVersion: version(PACKAGES[opts.player]),
    url: opts.url,
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
  const { server, port } = await pageServer(opts.player);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'openvod-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: opts.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const page = context.pages()[0] || (await context.newPage());
    page.on('response', (r) => {
      if (r.status() >= 400) result.httpErrors.push({ status: r.status(), url: r.url() });
    });
    page.on('requestfailed', (r) => {
      const failure = (r.failure() && r.failure().errorText) || '';
      // Players abort in-flight requests when they switch renditions: not an error.
      if (!failure.includes('ERR_ABORTED')) result.httpErrors.push({ status: failure, url: r.url() });
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && result.console.length < 20) result.console.push(m.text());
    });
    page.on('pageerror', (e) => result.errors.push({ source: 'page', message: String(e.message || e) }));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.evaluate(([p, u, r]) => window.harness.start(p, u, r), [opts.player, opts.url, opts.rate]);

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
      return snap;
    };
    const stalled = () => Date.now() - lastProgressAt > opts.stall * 1000;

    // 1. Play until currentTime passes --seconds.
    while (!failed() && !stalled() && snap.currentTime < opts.seconds && Date.now() < deadline) {
      await sleep(200);
      await sample();
    }
    if (failed()) result.reason = 'player error';
    else if (snap.currentTime < opts.seconds) {
      result.reason =
        `${stalled() ? 'stalled' : 'timeout'}: currentTime ${snap.currentTime.toFixed(2)} < ${opts.seconds} ` +
        `(readyState ${snap.readyState})`;
    } else if (snap.decodedFrames <= 0) result.reason = 'no frame decoded';
    else if (!opts['no-audio'] && snap.audioDecodedBytes <= 0) {
      result.reason = 'no audio decoded (pass --no-audio for streams without audio)';
    }

    // 2. Force the lowest, then the highest rendition; each must reach the screen and decode.
    if (opts.switch && result.reason === null) {
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
          const stepDeadline = Math.min(deadline, t0 + 15000);
          const reached = () =>
            snap.active === target.id &&
            (!heightsDiffer || snap.videoHeight === target.height) &&
            snap.decodedFrames >= from.frames + 10 &&
            snap.currentTime >= from.time + 1;
          while (!failed() && !stalled() && !reached() && Date.now() < stepDeadline) {
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
                `videoHeight ${snap.videoHeight}, currentTime ${snap.currentTime.toFixed(2)}`;
            break;
          }
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
    });
    result.ok = result.reason === null && result.errors.length === 0 && result.httpErrors.length === 0;
  } catch (e) {
    result.reason = `harness failure: ${e.message}`;
  } finally {
    if (context) await context.close().catch(() => {});
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  result.elapsedMs = Date.now() - started;
  return result;
}

const result = await run(options());
process.stdout.write(JSON.stringify(result) + '\n');
process.exit(result.ok ? 0 : 1);
