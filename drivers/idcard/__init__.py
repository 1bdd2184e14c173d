"""Second-generation ID card readers (SAM protocol over serial / USB-CDC).

Drivers: ``sam`` (:class:`~drivers.idcard.sam.SamReader`) and ``sam-sim``
(:class:`~drivers.idcard.on_simulator.SimulatedSamReader`, the real driver against a
simulator on a pseudo-terminal).

Events: :class:`~drivers.idcard.events.CardRead` (carries an
:class:`~drivers.idcard.card.IdCard`; the receiver wipes it at session end),
``CardReadFailed(code, detail)``, ``CardRemoved`` and ``CardStillPresent``
(the same card found again: not a new holder).

Status codes (``DeviceStatus.code``):

    OK                      online, no card
    READING                 BUSY: a card is being read
    CARD_PRESENT            CARD_PRESENT: a card was read and still lies there
    CARD_UNREADABLE         CARD_PRESENT: a card lies there but cannot be read (staff)
    DEVICE_LOST             OFFLINE: port gone; reconnecting by itself
    DEVICE_TIMEOUT          OFFLINE: the reader stopped answering; retrying
    PORT_BUSY               OFFLINE: another program holds the port (technician)
    CONFIG_ERROR            ERROR: no port, bad settings, WLT decoder cannot load
    SAM_SELF_TEST_FAILED    ERROR: SAM module fault, SW3 60 (technician)
    SAM_NOT_AUTHORISED      ERROR: SAM not authorised, SW3 66 (technician)
    SAM_<NAME>              ERROR: another SAM status word (see protocol.STATUS_WORDS)
    DRIVER_ERROR            ERROR: unexpected driver fault (logged; retried)
    NOT_OPEN                CLOSED

CardReadFailed codes: SAM_READ_FAILED, SAM_SELECT_FAILED and other SAM_<NAME>,
CHECKSUM_ERROR, DEVICE_TIMEOUT, DEVICE_LOST, PROTOCOL_ERROR, CARD_DATA_INVALID,
ID_NUMBER_INVALID, CARD_TYPE_UNSUPPORTED, NO_CARD (only after request_read()).
"""
