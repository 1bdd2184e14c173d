"""Maintenance mode: technicians service the kiosk at the kiosk, safely and on the record.

Without Qt. ``pins`` and ``lockout`` guard the entry, ``audit`` records every
attempt and action, ``mode`` takes the kiosk out of service without dropping a
visit and back only when it could serve, ``actions`` is what a technician may
do. The screens are ``ui/maintenance``.
"""
