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


# --- Text that reaches people without passing through a catalogue -------------------------
#
# Templates (pages and e-mails) may show words only through {% translate %} /
# {% blocktranslate %}, variables or an element that names its own language (lang="…").
# JavaScript gets its words from the page (data attributes rendered by a template),
# so a string literal that reads as a sentence, or one written into the page, is a leak.

import re  # noqa: E402
from html.parser import HTMLParser  # noqa: E402

TEMPLATES = sorted(
    path
    for pattern in ("*/templates/**/*.html", "*/templates/**/*.txt")
    for path in ROOT.glob(pattern)
    if ".venv" not in path.parts
)
SCRIPTS = sorted(p for p in ROOT.glob("*/static/**/*.js") if ".venv" not in p.parts)
# Names that are the same in every language.
PROPER_NAMES = {"Steady", "Northwind", "Moodle", "GIFT", "XML", "CSV"}

_BLOCKTRANSLATE = re.compile(
    r"{%-?\s*blocktrans(?:late)?\b.*?{%-?\s*endblocktrans(?:late)?\s*-?%}", re.S
)
_COMMENTS = re.compile(r"{%\s*comment\b.*?%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.S)
# Blocks whose content is a CSS class name, not text: {% block body_class %}quiz{% endblock %}.
_CLASS_BLOCKS = re.compile(r"{%\s*block\s+\w*class\w*\s*%}.*?{%\s*endblock\b.*?%}", re.S)
_TAGS = re.compile(r"{%.*?%}|{{.*?}}", re.S)
_RAW = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
# A word a person reads: two letters or more, at least one of them lower case.
_WORD = re.compile(r"\b(?=[^\W\d_]*[^\W\d_A-Z])[^\W\d_]{2,}\b")
_VISIBLE_ATTRIBUTES = {"title", "placeholder", "alt", "aria-label", "data-confirm"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


def _words(text: str) -> list[str]:
    return [word for word in _WORD.findall(text) if word not in PROPER_NAMES]


class _VisibleText(HTMLParser):
    """Collects text and visible attribute values not inside an element with lang="…"."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.open: list[bool] = []  # per open element: does it (or a parent) name its language

    def _in_own_language(self) -> bool:
        return bool(self.open) and self.open[-1]

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        own = self._in_own_language() or (bool(values.get("lang")) and tag != "html")
        for name, value in attrs:
            visible = name in _VISIBLE_ATTRIBUTES or (
                name == "value" and tag == "input" and values.get("type") in ("submit", "button")
            )
            if visible and value and _words(value) and not own:
                self.found.append(f"{tag}[{name}]={value!r}")
        if tag not in _VOID:
            self.open.append(own)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        if tag not in _VOID and self.open:
            self.open.pop()

    def handle_data(self, data):
        if _words(data) and not self._in_own_language():
            self.found.append(repr(data.strip()))


def untranslated_template_text(source: str, *, plain_text: bool = False) -> list[str]:
    """Words in a template that a person would read without a translation."""
    text = _COMMENTS.sub(" ", source)
    text = _BLOCKTRANSLATE.sub(" ", text)
    text = _CLASS_BLOCKS.sub(" ", text)
    text = _TAGS.sub(" ", text)
    if plain_text:
        return [repr(line.strip()) for line in text.splitlines() if _words(line)]
    text = _RAW.sub(" ", text)
    parser = _VisibleText()
    parser.feed(text)
    parser.close()
    return parser.found


_JS_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_JS_STRING = re.compile(r"""(["'`])((?:\\.|(?!\1).)*)\1""", re.S)
# Where a string literal becomes something a person sees.
_JS_SINKS = re.compile(
    r"(?:textContent|innerText|innerHTML|placeholder|title|ariaLabel)\s*\+?=\s*([^;]*)"
    r"|\b(?:alert|confirm|prompt)\s*\(([^;]*)"
)
# A literal that reads like a sentence: a capitalised word, a space and another word.
_SENTENCE = re.compile(r"[A-Z][a-z]+[ ,]+[a-z]{2,}")


def untranslated_script_text(source: str) -> list[str]:
    """String literals in JavaScript that would reach a person untranslated."""
    found = []
    code = _JS_COMMENTS.sub(" ", source)
    for match in _JS_SINKS.finditer(code):
        expression = match.group(1) or match.group(2) or ""
        for literal in _JS_STRING.finditer(expression):
            if _words(literal.group(2)):
                found.append(literal.group(0))
    for literal in _JS_STRING.finditer(code):
        if _SENTENCE.search(literal.group(2)) and literal.group(0) not in found:
            found.append(literal.group(0))
    return found


def test_the_template_check_finds_bare_words_and_passes_translated_ones():
    leaky = (
        '{% load i18n %}<h1>Welcome back</h1><input type="submit" value="Save">'
        '<a title="Open the course" href="#">{{ x }}</a>'
    )
    assert untranslated_template_text(leaky) == [
        "'Welcome back'",
        "input[value]='Save'",
        "a[title]='Open the course'",
    ]
    clean = (
        '{% load i18n %}{% block body_class %}quiz{% endblock %}<h1>{% translate "Hi" %}</h1>'
        "<p>{% blocktranslate with n=name %}Hello {{ n }}{% endblocktranslate %}</p>"
        '<p lang="pl">Dzień dobry</p><span>≈ Steady · 12 %</span>{# a note #}'
        '<button name="format" value="gift">{% translate "GIFT" %}</button>'
        "<script>var s = 'internal words';</script>"
    )
    assert untranslated_template_text(clean) == []
    assert untranslated_template_text("Hello {{ name }},\n\n{{ link }}\n", plain_text=True) == [
        "'Hello  ,'"
    ]


def test_the_script_check_finds_literals_shown_to_people_and_passes_data_attributes():
    leaky = 'el.textContent = "Saved"; alert("Try again"); var m = "Your answer was saved";'
    assert untranslated_script_text(leaky) == ['"Saved"', '"Try again"', '"Your answer was saved"']
    clean = (
        '"use strict"; el.textContent = root.dataset.msgSaved; el.className = "line agent";'
        ' headers = {"Content-Type": "application/json"}; t.textContent = "✓ " + data.feedback;'
        " // Shows the saved text"
    )
    assert untranslated_script_text(clean) == []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_shows_no_words_outside_translation_tags(path):
    source = path.read_text(encoding="utf-8")
    assert untranslated_template_text(source, plain_text=path.suffix == ".txt") == []


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_script_shows_no_untranslated_words(path):
    assert untranslated_script_text(path.read_text(encoding="utf-8")) == []
