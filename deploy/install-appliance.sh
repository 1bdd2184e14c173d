#!/usr/bin/env bash
# Turn a Debian 12 machine into a kiosk appliance (as root): the app in
# /opt/kiosk, a 'kiosk' user, cage on tty1 under systemd, udev names.
# Usage: bash deploy/install-appliance.sh [SITE_TOML]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
site=${1:-$src/config/sites/example-hall.toml}

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends cage rsync qt6-wayland >/dev/null
id kiosk >/dev/null 2>&1 || useradd --system --create-home --shell /usr/sbin/nologin kiosk

rsync -a --delete --exclude .venv --exclude .git --exclude var --exclude demo-out "$src/" /opt/kiosk/
bash /opt/kiosk/deploy/setup.sh
# The kiosk user cannot write /opt/kiosk: without bytecode compiled now, every
# start would compile the sources again (~100 ms before the first paint).
/opt/kiosk/.venv/bin/python -m compileall -q /opt/kiosk/kiosk /opt/kiosk/drivers /opt/kiosk/ui /opt/kiosk/offline_queue
install -d -m 0755 /etc/kiosk
[ -f /etc/kiosk/site.toml ] || install -m 0644 "$site" /etc/kiosk/site.toml
/opt/kiosk/.venv/bin/kiosk config check /etc/kiosk/site.toml

install -m 0644 "$src/deploy/pam/cage" /etc/pam.d/cage
install -m 0644 "$src/deploy/udev/99-kiosk.rules" /etc/udev/rules.d/99-kiosk.rules
install -m 0644 "$src/deploy/systemd/kiosk.service" /etc/systemd/system/kiosk.service
udevadm control --reload || true
systemctl daemon-reload
systemctl enable kiosk.service
echo "installed: start with 'systemctl start kiosk', logs with 'journalctl -u kiosk'"
