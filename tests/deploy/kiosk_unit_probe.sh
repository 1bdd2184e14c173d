#!/bin/sh
# Runs as root inside the booted container (tests/deploy/test_systemd_boot.py): watches
# kiosk.service come up on its own, its watchdog, a clean stop, then a crash loop that ends
# in the out-of-service page and the repair; writes what it saw to /out and powers the
# container off. Every wait is bounded.
set -u
out=/out
props="-p ActiveState -p SubState -p Result -p StatusText -p MainPID -p NRestarts
  -p ExecMainCode -p ExecMainStatus -p ConditionResult -p WatchdogTimestampMonotonic"

value() { systemctl show "$1" -p "$2" --value; }

# The processes in a unit's control group: pid ppid user unit command line.
processes() {
  ps -e -o pid=,ppid=,user:16=,unit:48=,args= | awk -v unit="$1.service" '$4 == unit'
}

# wait_for SECONDS COMMAND...: until COMMAND succeeds; false on timeout.
wait_for() {
  limit=$1
  shift
  i=0
  while [ "$i" -lt "$limit" ]; do
    "$@" && return 0
    sleep 1
    i=$((i + 1))
  done
  return 1
}

kiosk_ready() {
  [ "$(value kiosk ActiveState)" = active ] &&
    [ "$(value kiosk StatusText)" = "home: waiting for a citizen" ]
}
kiosk_gone_wrong() { [ "$(value kiosk ActiveState)" = failed ]; }
ready_or_failed() { kiosk_ready || kiosk_gone_wrong; }
pinged() { [ "$(value kiosk WatchdogTimestampMonotonic)" != "$first_ping" ]; }
page_shown() {
  [ "$(value kiosk-out-of-service ActiveState)" = active ] &&
    processes kiosk-out-of-service | grep -q imv-wayland
}

# 1. The kiosk starts by itself (enabled in graphical.target, the default target).
start=$(date +%s)
wait_for "${KIOSK_START_S:-120}" ready_or_failed
echo "waited_s=$(($(date +%s) - start))" >"$out/started"
systemctl show kiosk $props >>"$out/started"
processes kiosk >"$out/processes"

finish() {
  journalctl -u kiosk -b --no-pager -o short-monotonic >"$out/journal-kiosk"
  systemctl poweroff
  exit 0
}
kiosk_ready || finish # nothing more to see: the journal says why

# 2. The watchdog: the app pings every WatchdogSec/2; the time of the last ping moves and
# nothing restarts over more than one WatchdogSec.
first_ping=$(value kiosk WatchdogTimestampMonotonic)
if kiosk_ready; then
  wait_for 35 pinged
  sleep 5
fi
echo "first_ping=$first_ping" >"$out/watchdog"
systemctl show kiosk $props >>"$out/watchdog"

# 3. A clean stop: sway and the app both end on SIGTERM, within TimeoutStopSec.
start=$(date +%s)
systemctl stop kiosk
echo "stop_s=$(($(date +%s) - start))" >"$out/stopped"
systemctl show kiosk $props >>"$out/stopped"
echo "left=$(processes kiosk | wc -l)" >>"$out/stopped"
echo "out_of_service_after_stop=$(value kiosk-out-of-service ActiveState)" >>"$out/stopped"
journalctl -u kiosk -b --no-pager -o short-monotonic >"$out/journal-kiosk-stop"

# 4. Killed over and over: past StartLimitBurst it stays failed and OnFailure= shows the
# out-of-service page. SIGKILL, as the watchdog would (WatchdogSignal=).
systemctl start kiosk
kills=0
i=0
while [ "$i" -lt 90 ] && [ "$(value kiosk ActiveState)" != failed ]; do
  if [ "$(value kiosk MainPID)" != 0 ] && systemctl kill -s SIGKILL kiosk 2>/dev/null; then
    kills=$((kills + 1))
  fi
  sleep 1
  i=$((i + 1))
done
echo "kills=$kills" >"$out/gave-up"
systemctl show kiosk $props >>"$out/gave-up"
wait_for 60 page_shown
systemctl show kiosk-out-of-service $props >"$out/page"
processes kiosk-out-of-service >"$out/page-processes"

# 5. The repair: reset-failed, then starting the kiosk replaces the page (Conflicts=).
systemctl reset-failed kiosk
systemctl start kiosk
systemctl show kiosk $props >"$out/repaired"
systemctl show kiosk-out-of-service $props >"$out/page-stopped"
systemctl stop kiosk
journalctl -u kiosk-out-of-service -b --no-pager -o short-monotonic >"$out/journal-page"
echo done >"$out/done"
finish
