"""Card store and dispenser: addressable slots, an exit gate with a sensor, a capture bin.

Staff load finished cards into numbered slots; the kiosk releases one slot's card to the
exit gate, the gate sensor tells when it is taken, and a card not taken in time is pulled
back into the capture bin, as ATMs do.
"""
