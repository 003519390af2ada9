from .burnout import BurnoutWarning
from .checkins import CheckIn, CheckInReceipt
from .settings import WellbeingSettings
from .workload import WorkloadImport, WorkloadRecord

__all__ = [
    "BurnoutWarning",
    "CheckIn",
    "CheckInReceipt",
    "WellbeingSettings",
    "WorkloadImport",
    "WorkloadRecord",
]
