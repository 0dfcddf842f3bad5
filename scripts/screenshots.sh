#!/usr/bin/env bash
# Screenshots of a report as a reader sees it, at a desktop and a phone width, in headless
# Chromium: scripts/screenshots.sh [REPORT.html] [OUT_DIR]. Without a report it makes one of the
# bundled ukraine scenario (20 replications). Needs Chromium (Debian: apt-get install chromium);
# point $CHROMIUM at another build.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${2:-target/screenshots}
mkdir -p "$out"
report=${1:-}
if [ -z "$report" ]; then
  report="$out/ukraine.html"
  cargo run --quiet --release -- run ukraine -n 20 --report "$report"
fi
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$browser" ]; then
  echo "no Chromium found: install it (Debian: apt-get install chromium) or set CHROMIUM" >&2
  exit 2
fi
url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
for size in desktop:1100,2400 phone:500,2400; do
  name=${size%%:*}
  profile=$(mktemp -d)
  "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --user-data-dir="$profile" --window-size="${size#*:}" \
    --screenshot="$out/$name.png" "$url" 2>/dev/null
  rm -rf "$profile"
  echo "$out/$name.png"
done
