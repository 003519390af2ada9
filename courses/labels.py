"""What a matrix cell status reads as, wherever it is shown: pages, badges, exports.

The statuses themselves are decided in `courses.lib.status` (pure); this is the one
place that names them for people.
"""

from django.utils.translation import gettext_lazy as _

from .lib.status import DONE, EXPIRING, IN_PROGRESS, NOT_ASSIGNED, NOT_STARTED, OVERDUE

STATUS_LABELS = {
    NOT_ASSIGNED: _("Not assigned"),
    NOT_STARTED: _("Not started"),
    IN_PROGRESS: _("In progress"),
    DONE: _("Done"),
    OVERDUE: _("Overdue"),
    EXPIRING: _("Expiring"),
}

# The badge's CSS class per status; a status without a badge shows a dash.
STATUS_BADGE_CLASSES = {
    DONE: "badge-ok",
    EXPIRING: "badge-warn",
    OVERDUE: "badge-bad",
    IN_PROGRESS: "badge-info",
    NOT_STARTED: "",
}
