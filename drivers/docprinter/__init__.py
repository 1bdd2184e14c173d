"""A4 document printer reached through IPP (CUPS or a driverless IPP Everywhere printer)."""
