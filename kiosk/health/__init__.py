"""Device health for operations teams, without Qt.

One snapshot (:mod:`kiosk.health.snapshot`, built by :mod:`kiosk.health.monitor`)
feeds everything that reports health: the heartbeat to the platform
(:mod:`kiosk.health.heartbeat`), the Prometheus exposition
(:mod:`kiosk.health.metrics`) and the ``application/health+json`` document
(:mod:`kiosk.health.health_json`) on one bounded loopback listener
(:mod:`kiosk.health.http_server`), and ``kiosk health`` through the control
socket (:mod:`kiosk.health.control`). The overall pass/warn/fail rules are in
:mod:`kiosk.health.rules`. No snapshot ever holds personal data: devices report
codes, the queue counts, visits are counted by service.
"""
