"""Fingerprint readers: capture and verify behind one interface.

Drivers: ``fingerprint-sim`` (:class:`~drivers.fingerprint.on_simulator.SimulatedFingerprintReader`,
an in-memory sensor model with scenarios, scriptable from tests and over a control
socket) and ``fprint`` (:class:`~drivers.fingerprint.fprint.FprintReader`, readers
supported by libfprint through PyGObject; optional, imported when it opens).

Interface (:class:`~drivers.fingerprint.reader.FingerprintReader`):
``capabilities()``, ``capture(timeout_s=)`` → :class:`~drivers.fingerprint.model.Capture`,
``verify(template, timeout_s=)`` → :class:`~drivers.fingerprint.model.MatchResult`,
``enroll(timeout_s=)`` where supported, ``cancel()`` from any thread, and
``match_idcard`` (needs a vendor plugin; NOT_SUPPORTED otherwise). Operations
block the calling thread (never call them on the GUI thread) and raise
``FingerTimeout`` (FINGER_TIMEOUT), ``OperationCancelled`` (CANCELLED),
``ReaderBusy`` (BUSY), ``DeviceNotReady`` (the status code) or a DEVICE_LOST error.

Templates are biometric data: a :class:`~drivers.fingerprint.model.Template`
holds them in a ``bytearray`` in memory only, ``wipe()`` zeroes it, and no
repr shows the bytes.

Events: ``FingerNeeded``, ``FingerPlaced``, ``FingerRemoved``,
``CaptureRetry(reason)`` (too short, centre finger, remove finger, general) and
``EnrollProgress(stage, stages)``, on the driver's or the caller's thread.

Status codes (``DeviceStatus.code``):

    OK              online, idle
    CAPTURING       BUSY: waiting for a finger to capture
    VERIFYING       BUSY: waiting for a finger to verify
    ENROLLING       BUSY: taking the touches of an enrolment
    DEVICE_LOST     OFFLINE: reader unplugged or none found; reconnecting by itself
    DEVICE_ERROR    ERROR: libfprint reported a device fault (technician)
    CONFIG_ERROR    ERROR: libfprint/PyGObject missing, or two libfprint readers in one process
    NOT_OPEN        CLOSED
"""
