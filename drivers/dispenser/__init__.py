"""Card store and dispenser: addressable slots, an exit gate with a sensor, a capture bin.

Staff load finished cards into numbered slots; the kiosk releases one slot's card to the
exit gate, the gate sensor tells when it is taken, and a card not taken in time is pulled
back into the capture bin, as ATMs do.

Drivers: ``dispenser-serial`` (:class:`~drivers.dispenser.serial_dispenser.SerialDispenser`,
the framed serial protocol of :mod:`drivers.dispenser.protocol`) and ``dispenser-sim``
(:class:`~drivers.dispenser.on_simulator.SimulatedDispenser`, the real driver against a
simulator on a pseudo-terminal).

Status codes (``DeviceStatus.code``):

    OK                          online; the detail says how many slots hold a card
    DISPENSING                  BUSY: a card is on its way to the gate
    CARD_AT_GATE                BUSY: a released card waits at the gate to be taken
    DISPENSER_JAM               ERROR: a card is stuck in the mechanism (technician)
    DISPENSER_BIN_FULL          ERROR: the capture bin is full (staff empty it)
    DISPENSER_GATE_BLOCKED      ERROR: something sits in the exit gate (staff)
    DISPENSER_EMPTY             ERROR: no slot holds a card (staff load cards)
    DEVICE_LOST                 OFFLINE: port gone; reconnecting by itself
    DEVICE_TIMEOUT              OFFLINE: the dispenser stopped answering; retrying
    PORT_BUSY                   OFFLINE: another program holds the port (technician)
    CONFIG_ERROR                ERROR: no port, bad settings
    PROTOCOL_ERROR              ERROR: replies keep failing their checks (technician)
    DRIVER_ERROR                ERROR: unexpected driver fault (logged; retried)
    NOT_OPEN                    CLOSED

``ReleaseResult.code`` of a release that did not end TAKEN: DISPENSER_CAPTURED,
DISPENSER_JAM, DISPENSER_EMPTY, DISPENSER_GATE_BLOCKED, DISPENSER_BIN_FULL,
DISPENSER_BAD_SLOT, DISPENSER_BUSY, DEVICE_TIMEOUT, DEVICE_LOST, PROTOCOL_ERROR.
"""
