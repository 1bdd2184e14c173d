"""Barcode and QR scanners: serial / USB-CDC engines, HID keyboard wedges, camera frames.

Drivers: ``scanner-serial`` (:class:`~drivers.scanner.serial_scanner.SerialScanner`),
``scanner-hid`` (:class:`~drivers.scanner.hid.HidScanner`, python-evdev with grab),
``scanner-camera`` (:class:`~drivers.scanner.camera_scanner.CameraScanner`, zxing-cpp
by default, pyzbar as the alternative) and ``scanner-sim``
(:class:`~drivers.scanner.on_simulator.SimulatedSerialScanner`, the serial driver against a
simulated engine on a pseudo-terminal).

Every driver reports :class:`~drivers.scanner.model.CodeScanned` carrying a
:class:`~drivers.scanner.model.ScanResult` (text, raw bytes, symbology, AIM id,
source), whose repr shows only the first characters: payment codes are bearer tokens.

Status codes (``DeviceStatus.code``):

    OK              online, ready to scan
    CONNECTING      OFFLINE: camera scanner whose camera is being opened
    DEVICE_LOST     OFFLINE: port, input device or camera gone; reconnecting by itself
    DEVICE_TIMEOUT  OFFLINE: a command-set engine (gm65) stopped answering
    PORT_BUSY       OFFLINE: another program holds the port or has grabbed the device
    CONFIG_ERROR    ERROR: no port/device, unknown decoder or format, evdev missing,
                    no permission on the device node
    DRIVER_ERROR    ERROR: unexpected driver fault (logged; retried)
    NOT_OPEN        CLOSED
"""
