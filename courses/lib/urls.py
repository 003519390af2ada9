"""Links that leave the site (e-mails): absolute, and pointing where the site is served."""

from ..conf import steady_setting


def absolute_url(path: str) -> str:
    """`path` on the site's public address, `STEADY_SITE_URL`.

    Production sets the address in its settings; the demo host sets it from the port
    it serves on (`PORT=8101 make demo` links to :8101), so every e-mail link works.
    """
    if path.startswith(("http://", "https://")):
        return path
    return steady_setting("SITE_URL").rstrip("/") + "/" + path.lstrip("/")
