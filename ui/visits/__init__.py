"""Scripted citizen visits through the real window on the simulated devices.

``Visitor`` walks a service from the home screen to the 好差评 rating and back,
one walker per step kind (``walkers``); ``VisitPlan`` varies what the citizen
does by the visit's number; ``Recorder`` saves the screens and the slips.
Used by ``kiosk demo``, the end-to-end tests and the memory benchmark.
"""

from ui.visits import walkers as walkers  # registers the walker of every step kind
from ui.visits.plan import VisitPlan
from ui.visits.recorder import Recorder
from ui.visits.visit_record import VisitError, VisitRecord
from ui.visits.visitor import Visitor

__all__ = ["Recorder", "VisitError", "VisitPlan", "VisitRecord", "Visitor", "walkers"]
