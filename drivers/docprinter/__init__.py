"""A4 document printer reached through IPP (CUPS or a driverless IPP Everywhere printer).

Which IPP client, and why: the project's own small IPP codec
(:mod:`~drivers.docprinter.ipp_codec`, RFC 8010) over the bounded HTTP client
the kiosk already uses (:mod:`hostio.outbound_http`, httpx). IPP is binary
attributes in an HTTP POST of ``application/ipp``; the driver needs four
operations (Print-Job, Get-Job-Attributes, Get-Printer-Attributes, Cancel-Job),
which is a few hundred lines. The alternatives:

* pycups binds libcups but is GPL-2.0-or-later, which an Apache-2.0 project
  cannot ship;
* pyipp (MIT) is asyncio and aiohttp: a second HTTP stack and an event loop in
  a driver whose neighbours are all threaded, outside the project's bounded
  HTTP client (byte cap, deadline, TLS pins);
* ``lp``/``lpstat``/``ipptool`` as subprocesses tie the kiosk to the CUPS client
  tools, parse text meant for people, and cannot bound a reply's size.

Our own codec keeps every exchange under the project's rules (a byte cap and a
wall-clock deadline on each call, compressed replies refused), is fuzzed with
Hypothesis, and reaches a CUPS queue (``ipp://localhost/printers/NAME``) and an
IPP Everywhere printer (``ipp://HOST:PORT/ipp/print``) with the same code.

Drivers: ``ipp`` (:class:`~drivers.docprinter.ipp_printer.IppDocumentPrinter`) and
``ipp-sim`` (the same driver on a real ``ippeveprinter`` it starts itself,
:mod:`~drivers.docprinter.on_simulator`).

Stable status codes (``printer-state-reasons`` and the link):

    DOCPRINTER_MEDIA_EMPTY      out of paper (media-empty, media-needed): staff
    DOCPRINTER_MEDIA_LOW        paper low; still usable: staff
    DOCPRINTER_MEDIA_JAM        paper jam: staff
    DOCPRINTER_TRAY_MISSING     input tray missing: staff
    DOCPRINTER_COVER_OPEN       door-open, cover-open, interlock-open: staff
    DOCPRINTER_TONER_EMPTY      toner or marker supply empty: staff
    DOCPRINTER_TONER_LOW        toner low; still usable: staff
    DOCPRINTER_WASTE_FULL       waste toner full: staff
    DOCPRINTER_OFFLINE          offline, shutdown, timed-out: staff
    DOCPRINTER_CONNECTING       connecting-to-device (CUPS reaching the printer)
    DOCPRINTER_STOPPED          queue paused or printer stopped: staff
    DOCPRINTER_NOT_ACCEPTING    queue rejects jobs: staff
    DOCPRINTER_SPOOL_FULL       print server's spool full: technician
    DOCPRINTER_UNREACHABLE      connection refused or broken: reconnecting
    DOCPRINTER_TIMEOUT          no whole answer within the deadline: reconnecting
    DOCPRINTER_BAD_REPLY        the answer is not IPP (wrong URI?): configuration
    DOCPRINTER_REFUSED          an IPP error status (e.g. no such queue): configuration

and of a print's outcome: DOCPRINTER_NOT_PDF, DOCPRINTER_DOCUMENT_TOO_LARGE,
DOCPRINTER_FORMAT_REFUSED, DOCPRINTER_JOB_ABORTED, DOCPRINTER_JOB_CANCELED,
DOCPRINTER_NOT_CONFIRMED (not completed within ``print_deadline_s``).
"""
