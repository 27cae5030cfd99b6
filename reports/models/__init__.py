"""The reports' tables: counters and export jobs (counters.py), emulation review periods (emulation.py)."""

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

__all__ = [
    "CounterChange",
    "EmulationCriterion",
    "EmulationGroup",
    "EmulationPeriod",
    "EmulationScheme",
    "EmulationSnapshot",
    "ExportState",
    "Grade",
    "Measure",
    "ReportExport",
    "UnitCadreCount",
    "UnitCourseCount",
    "UnitCourseMonth",
]
