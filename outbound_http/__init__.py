"""Outbound HTTP with bounds a hostile network cannot push past (see :mod:`.bounded`).

Beneath both ``drivers`` and ``offline_queue``, which must not import each other.
"""
