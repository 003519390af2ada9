"""Local development and `make demo`: debug on, e-mails printed to the console."""

from .base import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["*"]
