"""The en, ru and pl catalogues are complete, compiled and use the right plural forms."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(ROOT.glob("*/locale/*/LC_MESSAGES/django.po"))
PLURAL_FORMS = {
    "ru": "nplurals=3;",
    "pl": "nplurals=3;",
    "en": "nplurals=2;",
}


def test_every_app_has_a_catalogue_per_language():
    found = {(p.parts[-5], p.parts[-3]) for p in CATALOGUES}
    for app in ("training", "courses", "hiring", "wellbeing"):
        for language in ("en", "ru", "pl"):
            assert (app, language) in found


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-5]}-{p.parts[-3]}")
def test_catalogue_is_complete_and_compiled(path):
    catalogue = polib.pofile(str(path))
    language = path.parts[-3]
    assert PLURAL_FORMS[language] in catalogue.metadata["Plural-Forms"].replace(" ", "")
    if language != "en":
        missing = [e.msgid for e in catalogue if not e.translated() and not e.obsolete]
        assert missing == []
        assert catalogue.fuzzy_entries() == []
    compiled = path.with_suffix(".mo")
    assert compiled.exists()
    assert compiled.stat().st_mtime >= path.stat().st_mtime - 1
