"""Local development and `make demo`: debug on, e-mails written to files in var/mail/."""

from .base import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["*"]

# One file per sending run, readable with any text viewer or `make mail`: a newcomer
# finds the invitation and reminder links there instead of in the scrolling console.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"  # noqa: F405
