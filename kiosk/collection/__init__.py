"""Collecting finished cards at the kiosk: the dispenser's slot inventory and the service."""
