#!/usr/bin/env bash
# Installs what the playback harness needs, only when it is missing (idempotent, quiet):
#   - Debian's Chromium at /usr/bin/chromium (apt-get; browser downloads do not work here)
#   - the pinned players and playwright-core from package-lock.json (npm ci), when node_modules
#     is missing or older than the lock file.
# Usage: players/install.sh   (from anywhere; prints nothing on success unless it installs)
set -euo pipefail
cd "$(dirname "$0")"

# Several builds may start at once (each test JVM runs this once): one installs, the others wait.
if command -v flock >/dev/null 2>&1; then
  exec 9>"${TMPDIR:-/tmp}/openvod-players-install.lock"
  flock 9
fi

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"

# Runs a command quietly; shows its output only when it fails.
quiet() {
  local log
  log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

if [ ! -x /usr/bin/chromium ]; then
  echo "players: installing chromium with apt-get" >&2
  # Other builds may hold the dpkg lock (they install ffmpeg the same way): wait for it.
  quiet $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  quiet $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends chromium
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "players: installing nodejs and npm with apt-get" >&2
  quiet $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  quiet $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    nodejs npm
fi

# npm ci writes node_modules/.package-lock.json last; a lock newer than it means stale modules.
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  echo "players: npm ci" >&2
  quiet npm ci --no-audit --no-fund --loglevel=error
fi
