"""Logging for the demo host: a refused request is one line, not a traceback."""

import logging


class OneLineRefusals(logging.Filter):
    """Drop the traceback from a 4xx record (not found, forbidden, bad request, too many).

    Django logs such refusals with the exception that caused them, so the console of
    a running site fills with tracebacks nobody needs: a refusal is an answer, not a
    fault. Server errors (5xx) keep theirs.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        refused = status is not None and 400 <= status < 500
        if refused or record.name.startswith("django.security"):
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
