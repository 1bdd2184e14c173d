"""What the drivers and the offline queue both need from the host they run on.

- :mod:`hostio.loopback_http`: the base of every small HTTP listener (device
  simulators, the payment notification receiver, the platform simulator), with
  its threads, request sizes and socket timeouts bounded;
- :mod:`hostio.secret_files`: reading tokens and key files, refusing any that
  other users could read;
- :mod:`hostio.outbound_http`: every outbound HTTP call (platform, payment
  gateway) with a byte cap, a deadline for the whole exchange, the system trust
  store and optional key pins; :mod:`hostio.endpoints` checks URLs and pins for
  the settings without loading the HTTP stack.

It imports none of kiosk, drivers, offline_queue, ui or Qt.
"""
