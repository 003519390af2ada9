from .burnout import BurnoutWarning
from .checkins import (
    CheckInReceipt,
    ReleasedCheckInComments,
    ReleasedCheckInFigure,
    SealedCheckIn,
)
from .impact import TeamForecast, TrainingImpact
from .settings import WellbeingSettings
from .workload import WorkloadImport, WorkloadRecord

__all__ = [
    "BurnoutWarning",
    "CheckInReceipt",
    "ReleasedCheckInComments",
    "ReleasedCheckInFigure",
    "SealedCheckIn",
    "TeamForecast",
    "TrainingImpact",
    "WellbeingSettings",
    "WorkloadImport",
    "WorkloadRecord",
]
