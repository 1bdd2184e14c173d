"""The daily readiness report: every device's last checks and the queue, as a receipt slip.

A technician prints it from maintenance mode at the start of a shift (or hands it to
the hall). It carries codes and counts only, never personal data, like the snapshot
it is made from.
"""

from __future__ import annotations

import time

from drivers.printer.document import Slip
from kiosk.health.snapshot import HealthSnapshot

_RESULT = {True: "通过 pass", False: "失败 FAIL"}


def _clock(at: float | None) -> str:
    return "—" if at is None else time.strftime("%m-%d %H:%M", time.localtime(at))


def readiness_slip(snapshot: HealthSnapshot) -> Slip:
    """The report for ``snapshot``: status, each device, the queue, disk and staff matters."""
    s = snapshot
    slip = (
        Slip()
        .text("自助终端 运行检查报告", width=2, height=2, bold=True, align="center")
        .text("Readiness report", align="center")
        .separator()
        .text(f"终端 Kiosk: {s.kiosk_id}   版本 {s.version}")
        .text(f"时间 At: {time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(s.at))}")
        .text(f"总体 Status: {s.status.upper()}   模式 Mode: {s.mode}", bold=True)
        .text(f"可办事项 Services: {s.services_available}/{s.services_total}")
    )
    for reason in s.reasons:
        slip = slip.text(f"  ! {reason}")
    slip = slip.separator().text("设备 Devices", bold=True)
    for name, d in sorted(s.devices.items()):
        slip = slip.text(f"{name}: {d.state} {d.code} ({d.actor})")
        for level, check in sorted(d.checks.items()):
            slip = slip.text(
                f"  {level}: {_RESULT[check.passed]} {check.code} @ {_clock(check.at)}"
            )
        if not d.checks:
            slip = slip.text("  未检查 not checked yet")
    q = s.queue
    oldest = "—" if q.oldest_pending_s is None else f"{q.oldest_pending_s / 60:.0f} min"
    return (
        slip.separator()
        .text("交易队列 Queue", bold=True)
        .text(f"  {q.code}")
        .text(f"  pending {q.pending}, in flight {q.in_flight}, dead {q.dead}")
        .text(f"  最早待发 oldest pending: {oldest}")
        .text(f"  上次同步 last sync: {_clock(q.last_sync_at)}")
        .separator()
        .text(f"磁盘剩余 Disk free: {s.disk_free_bytes / 2**30:.1f} GiB")
        .text(f"待人工处理缴费 Payments needing staff: {s.payments_needing_staff}")
        .text(f"待响应求助 Help requests waiting: {s.help_waiting}")
        .feed(2)
        .cut()
    )
