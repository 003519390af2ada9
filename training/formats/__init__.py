"""Date formats of the demo host: one per language, used by every page, e-mail and export."""
