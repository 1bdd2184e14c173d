#!/usr/bin/env bash
# Turn a Debian 12 machine into a kiosk appliance, or upgrade one in place (as root).
#
#   bash deploy/install-appliance.sh [options] [SITE_TOML]
#
#   SITE_TOML          site configuration for /etc/kiosk/site.toml; needed on the first
#                      install, kept (and checked again) on upgrades when not given
#   --wheel FILE       install this kiosk wheel instead of building one from this tree
#   --model NAME       udev names of a cabinet model: deploy/udev/models/NAME.rules
#   --dry-run          print every step, change nothing
#   --root DIR         install into DIR instead of / (also DESTDIR=DIR); for tests
#   --skip-system      no apt, no users, no udev/sysctl/systemd reloads (with --root)
#   --user NAME        the account the kiosk runs as (default kiosk)
#   --admin-group NAME technicians' group (default kiosk-admin)
#   --rollback         point /opt/kiosk/current at the previous release and restart
#
# Layout: /opt/kiosk/releases/<version>-<time>/venv (root-owned, read-only to the
# kiosk), /opt/kiosk/current -> the release in use, /etc/kiosk (site.toml, credstore/),
# /var/lib/kiosk (queue, journal, keys: the only place the kiosk writes).
# A new release is built and the site file checked with it BEFORE anything in use
# changes; data, configuration and secrets are never touched by an upgrade.
set -euo pipefail
umask 022

src=$(cd "$(dirname "$0")/.." && pwd)
root=${DESTDIR:-}
dry_run=0 skip_system=0 rollback=0
site="" wheel="" model=""
user=kiosk admin_group=kiosk-admin
keep_releases=3

while (($#)); do
  case $1 in
    --dry-run) dry_run=1 ;;
    --root) root=$2; shift ;;
    --skip-system) skip_system=1 ;;
    --wheel) wheel=$2; shift ;;
    --model) model=$2; shift ;;
    --user) user=$2; shift ;;
    --admin-group) admin_group=$2; shift ;;
    --rollback) rollback=1 ;;
    -h | --help) sed -n '2,21p' "$0"; exit 0 ;;
    -*) echo "install-appliance: unknown option $1" >&2; exit 64 ;;
    *) site=$1 ;;
  esac
  shift
done
root=${root%/}

opt=$root/opt/kiosk
etc=$root/etc/kiosk
state=$root/var/lib/kiosk
systemd_dir=$root/etc/systemd/system

# Every change goes through run: printed always, executed unless --dry-run.
run() {
  printf '+ %s\n' "$*"
  ((dry_run)) || "$@"
}
say() { printf '== %s\n' "$*"; }
die() { printf 'install-appliance: %s\n' "$*" >&2; exit 1; }

system() { # a step on the running system itself, skipped with --skip-system
  if ((skip_system)); then printf '  (skipped: %s)\n' "$*"; else run "$@"; fi
}

# systemctl acts on the image under --root (enable, mask), on the live system otherwise.
systemctl_files() {
  if [ -n "$root" ]; then run systemctl --root="$root" "$@"; else run systemctl "$@"; fi
}

# Owner of what the kiosk writes: the kiosk user when it exists (not in a dry run).
owner_of() { if getent passwd "$1" >/dev/null; then echo "$1"; else echo root; fi; }

[ "$(id -u)" -eq 0 ] || ((dry_run)) || die "run as root"
[ -n "$root" ] || ((!skip_system)) || die "--skip-system only makes sense with --root"

# ------------------------------------------------------------------ rollback
if ((rollback)); then
  current=$(readlink "$opt/current" 2>/dev/null) || die "no release installed"
  previous=$(find "$opt/releases" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort |
    grep -B1 -x "$(basename "$current")" | head -n1)
  [ -n "$previous" ] && [ "$previous" != "$(basename "$current")" ] ||
    die "no release older than $(basename "$current") to roll back to"
  say "roll back: $(basename "$current") -> $previous"
  run ln -sfn "releases/$previous" "$opt/current.new"
  run mv -T "$opt/current.new" "$opt/current"
  system systemctl try-restart kiosk.service
  exit 0
fi

# ------------------------------------------------------------------ system packages
APT_PACKAGES=(
  sway                      # the Wayland compositor, run as a kiosk (deploy/sway/)
  seatd                     # gives sway the screen and inputs (video group), enabled by its package
  udev                      # device names (deploy/udev/); makes the input and render groups
  imv                       # shows the out-of-service page
  python3 python3-venv      # the system Python the kiosk's virtualenv is built from
  fonts-noto-cjk fontconfig # Chinese text on screens and slips
  libzbar0                  # pyzbar's decoder
  # What PySide6's bundled Qt loads on Wayland
  libgl1 libegl1 libxkbcommon0 libwayland-client0 libwayland-cursor0 libwayland-egl1
  libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
  # Voice guidance: QtTextToSpeech needs libpulse; speech-dispatcher speaks with espeak-ng
  libpulse0 libspeechd2 speech-dispatcher espeak-ng
  sudo                      # technicians run the kiosk command as the kiosk user
)
say "system packages"
export DEBIAN_FRONTEND=noninteractive
system apt-get update -qq
system apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}"

# ------------------------------------------------------------------ accounts
say "accounts: $user (runs the kiosk), $admin_group (technicians)"
if ! getent group "$admin_group" >/dev/null; then system groupadd --system "$admin_group"; fi
if ! getent passwd "$user" >/dev/null; then
  system useradd --system --user-group --home-dir /nonexistent --no-create-home \
    --shell /usr/sbin/nologin --comment "self-service kiosk" "$user"
fi
kiosk_owner=$(owner_of "$user")
kiosk_group=$(id -gn "$kiosk_owner")

# ------------------------------------------------------------------ the release
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$src/pyproject.toml" | head -n1)
release=$version-$(date -u +%Y%m%d%H%M%S)
rel=$opt/releases/$release
venv=$rel/venv
say "release $release in $rel"
run install -d -o root -g root -m 0755 "$opt" "$opt/releases" "$rel" "$rel/share"
# The system Python, never whatever python3 root's PATH finds (a pyenv, a conda).
run /usr/bin/python3 -m venv "$venv"
# Runtime dependencies exactly as locked: every file's hash is checked.
run "$venv/bin/pip" install -q --no-input --require-hashes --no-deps \
  -r "$src/deploy/requirements.lock"
if [ -z "$wheel" ]; then
  # Built outside the release: no build tools stay in the kiosk's environment.
  if ((dry_run)); then build=/tmp/kiosk-wheel.XXXX; else build=$(mktemp -d); fi
  trap 'rm -rf "$build"' EXIT
  run "$venv/bin/pip" wheel -q --no-input --no-deps -w "$build" "$src"
  wheel="$build/kiosk-$version-py3-none-any.whl"
fi
# pip compiles the bytecode as it installs: the kiosk user cannot write the release, and
# without it every start would compile the sources again (~100 ms before the first paint).
run "$venv/bin/pip" install -q --no-input --no-deps --no-index "$wheel"
run install -o root -g root -m 0644 "$src/deploy/out-of-service/out-of-service.png" \
  "$src/deploy/out-of-service/imv.conf" "$rel/share/"
run install -o root -g root -m 0644 "$src/deploy/sway/kiosk.conf" "$rel/share/sway-kiosk.conf"
run install -o root -g root -m 0644 "$src/deploy/sway/out-of-service.conf" \
  "$rel/share/sway-out-of-service.conf"

# ------------------------------------------------------------------ site configuration
say "site configuration, checked with the new release before it is installed"
run install -d -o root -g "$kiosk_group" -m 0750 "$etc"
run install -d -o root -g root -m 0700 "$etc/credstore"
if [ -z "$site" ]; then
  [ -f "$etc/site.toml" ] || ((dry_run)) || die "first install: name the site file (SITE_TOML)"
  site=$etc/site.toml
fi
# Relative secret names (api_key_file) are systemd credentials from /etc/kiosk/credstore.
run env CREDENTIALS_DIRECTORY="$etc/credstore" KIOSK_DATA_DIR="$state" \
  "$venv/bin/kiosk" config check "$site"
if [ "$site" != "$etc/site.toml" ]; then
  run install -o root -g "$kiosk_group" -m 0640 "$site" "$etc/site.toml"
fi

# ------------------------------------------------------------------ state
say "state in /var/lib/kiosk (the only place the kiosk writes)"
run install -d -o "$kiosk_owner" -g "$kiosk_group" -m 0700 "$state" "$state/keys"

# ------------------------------------------------------------------ system files
say "units, PAM, udev, sysctl, logind, technicians' sudo rule"
d=$src/deploy
run install -d -m 0755 "$systemd_dir" "$root/etc/pam.d" "$root/etc/udev/rules.d" \
  "$root/etc/sysctl.d" "$root/etc/systemd/logind.conf.d" "$root/etc/sudoers.d" \
  "$root/usr/local/bin" "$root/usr/local/libexec/kiosk"
run install -m 0644 "$d/systemd/kiosk.service" "$d/systemd/kiosk-out-of-service.service" \
  "$systemd_dir/"
run install -m 0644 "$d/pam/kiosk" "$root/etc/pam.d/kiosk"
rules=$d/udev/99-kiosk.rules
if [ -n "$model" ]; then
  rules=$d/udev/models/$model.rules
  [ -f "$rules" ] || die "no udev rules for model '$model' in deploy/udev/models/"
fi
# An upgrade without --model keeps the names the device was installed with.
if [ -n "$model" ] || [ ! -f "$root/etc/udev/rules.d/99-kiosk.rules" ]; then
  run install -m 0644 "$rules" "$root/etc/udev/rules.d/99-kiosk.rules"
fi
run install -m 0644 "$d/sysctl/90-kiosk.conf" "$root/etc/sysctl.d/90-kiosk.conf"
run install -m 0644 "$d/logind/90-kiosk.conf" "$root/etc/systemd/logind.conf.d/90-kiosk.conf"
run install -m 0755 "$d/bin/kiosk-admin" "$root/usr/local/bin/kiosk-admin"
run install -m 0755 "$d/bin/technician" "$root/usr/local/libexec/kiosk/technician"
# Checked before it is put in place: a broken sudoers file locks out every sudo user.
if command -v visudo >/dev/null; then run visudo -cqf "$d/sudo/kiosk-admin"; fi
run install -m 0440 "$d/sudo/kiosk-admin" "$root/etc/sudoers.d/kiosk-admin"

# ------------------------------------------------------------------ switch to the release
say "switch /opt/kiosk/current to $release"
run ln -sfn "releases/$release" "$opt/current.new"
run mv -T "$opt/current.new" "$opt/current" # rename: atomic, never a missing link
# Older releases beyond the last $keep_releases go (the previous ones stay for --rollback).
if [ -d "$opt/releases" ]; then
  find "$opt/releases" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort |
    head -n "-$keep_releases" | while read -r old; do
      run rm -rf "${opt:?}/releases/$old"
    done
fi

# ------------------------------------------------------------------ no way out
say "no consoles or VT switching; the kiosk on tty1"
# No getty on any VT, so no login prompt appears if the kiosk is gone.
systemctl_files mask getty@.service autovt@.service
systemctl_files enable kiosk.service
# What `systemctl set-default graphical.target` does, also into a scratch root.
run ln -sfn /lib/systemd/system/graphical.target "$systemd_dir/default.target"
system udevadm control --reload
system udevadm trigger --subsystem-match=tty --subsystem-match=usb \
  --subsystem-match=video4linux --subsystem-match=input
system sysctl --quiet --load "$root/etc/sysctl.d/90-kiosk.conf"
system systemctl daemon-reload
# logind reads NAutoVTs at start; restarting it would end the running session.
system systemctl try-restart kiosk.service
echo "installed $release: enrol with 'kiosk-admin enrol' (deploy/README.md), then"
echo "'systemctl start kiosk'; logs: 'journalctl -u kiosk'"
