"""Maintenance mode on screen: the PIN pad, the technician's console, the out-of-service page.

``wiring.attach`` connects it all to the citizen window; the decisions are
``kiosk.maintenance`` (without Qt), whose events these screens draw.
"""
