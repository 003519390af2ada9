from .burnout import BurnoutWarning
from .checkins import CheckIn, CheckInReceipt
from .impact import TeamForecast, TrainingImpact
from .settings import WellbeingSettings
from .workload import WorkloadImport, WorkloadRecord

__all__ = [
    "BurnoutWarning",
    "CheckIn",
    "CheckInReceipt",
    "TeamForecast",
    "TrainingImpact",
    "WellbeingSettings",
    "WorkloadImport",
    "WorkloadRecord",
]
