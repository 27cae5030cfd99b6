"""The reports' tables: counters and export jobs (counters.py), emulation review periods (emulation.py), scheduled
report emails (subscriptions.py)."""

from .counters import CounterChange, ExportState, ReportExport, UnitCadreCount, UnitCourseCount, UnitCourseMonth
from .emulation import (
    EmulationCriterion,
    EmulationGroup,
    EmulationPeriod,
    EmulationScheme,
    EmulationSnapshot,
    Grade,
    Measure,
)
from .subscriptions import Frequency, ReportDelivery, ReportSubscription

__all__ = [
    "CounterChange",
    "EmulationCriterion",
    "EmulationGroup",
    "EmulationPeriod",
    "EmulationScheme",
    "EmulationSnapshot",
    "ExportState",
    "Frequency",
    "Grade",
    "Measure",
    "ReportDelivery",
    "ReportExport",
    "ReportSubscription",
    "UnitCadreCount",
    "UnitCourseCount",
    "UnitCourseMonth",
]
