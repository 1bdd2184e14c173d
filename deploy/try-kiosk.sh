#!/usr/bin/env bash
# Set everything up, then start the kiosk on simulated devices. Without a
# display, run the headless demo instead and say where its screenshots are.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/setup.sh
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec .venv/bin/kiosk run --windowed "$@"
fi
echo "No display found: running the headless demo (scripted visits on simulated devices)."
QT_QPA_PLATFORM=offscreen .venv/bin/kiosk demo --out demo-out "$@"
echo "Open the PNG files in demo-out/ to see every screen a citizen passes."
