"""Site-file text the tests share."""

#: A site file is a real kiosk unless it asks for the platform simulator itself
#: (the defaults' ``simulate = true`` is not inherited); test sites do.
DEMO_PLATFORM = "[platform]\nsimulate = true\n"

#: The devices the defaults configure: one of each kind.
DEFAULT_DEVICES = {"idcard", "camera", "scanner", "printer", "fingerprint", "payment"}
