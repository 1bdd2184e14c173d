#!/usr/bin/env bash
# Install what the kiosk needs on Debian 12 (as root): system packages, a
# virtualenv in .venv and the package with its test tools. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
APT_PACKAGES=(
  libzbar0            # pyzbar's decoder
  fonts-noto-cjk      # Chinese text on screens and slips
  fontconfig
  # Qt's runtime libraries (offscreen, xcb and wayland platforms)
  libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0
  libxrender1 libxi6 libsm6 libice6
  # Voice guidance: QtTextToSpeech needs libpulse; speech-dispatcher speaks with espeak-ng
  libpulse0 libspeechd2 speech-dispatcher espeak-ng
  # promtool and amtool for tests/deploy (fleet alert rules, Alertmanager routing); the
  # health end-to-end test scrapes a kiosk with a real Prometheus and reads its alerts.
  # In a container (no init, or policy-rc.d) their postinst starts no server; on a
  # systemd host it starts both: `systemctl disable --now prometheus prometheus-alertmanager`.
  prometheus prometheus-alertmanager
  # The A4 document printer's simulator is CUPS's IPP Everywhere printer, ippeveprinter;
  # it needs a D-Bus daemon (a private one per simulator) for its DNS-SD client.
  cups-ipp-utils dbus-daemon
  # A real CUPS scheduler for the A4 printer's CUPS queue tests (cupsd of the test's own on a
  # free loopback port) and the tools that set up its queue (lpadmin, cupsdisable, lpstat).
  # In a container (no init, or policy-rc.d) cups-daemon's postinst starts no cupsd; on a
  # systemd host it starts one on 631 that the tests do not use:
  # `systemctl disable --now cups.service cups.socket cups.path`.
  cups-daemon cups-client
  # systemd-analyze verifies and rates the appliance's units (tests/deploy/test_units.py);
  # systemd-nspawn boots them under a real systemd (tests/deploy/test_systemd_boot.py)
  systemd systemd-container procps   # procps: ps in the boot test's probe
  # The appliance's compositor under its headless backend, a screenshot tool and a
  # virtual keyboard: tests/deploy/test_compositor.py (key chords a citizen might try)
  sway grim wtype
  # The out-of-service page's viewer: the boot test's container runs this machine's
  # /usr, and the page is imv under sway (tests/deploy/test_systemd_boot.py)
  imv
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv 2>/dev/null || {
    apt-get install -y -qq python3-venv >/dev/null
    "$PYTHON" -m venv .venv
  }
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
echo "setup: done ($(.venv/bin/python --version), kiosk installed in .venv)"
