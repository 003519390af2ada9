"""Dependencies run one way, read straight from the source (no Django needed).

- `courses` (the quiz engine, courses, teams) imports none of the other apps;
- `hiring` and `wellbeing` build on `courses` and never import each other;
- no plugin app imports the demo host `training`;
- a `views` module is imported only by its own app's `urls` and `wagtail_hooks`:
  what two places need lives in services, selectors or forms.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {
    "courses": set(),
    "hiring": {"courses"},
    "wellbeing": {"courses"},
    "training": {"courses", "hiring", "wellbeing"},
}
VIEWS_IMPORTERS = ("urls", "wagtail_hooks")
# Every exception to "views are imported only by urls and wagtail_hooks": none left.
PENDING_VIEWS_IMPORTS: set[tuple[str, str]] = set()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every module `path` imports (relative imports resolved), names included, since
    `from pkg import name` may import the module `pkg.name`."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            found.add(source)
            found.update(f"{source}.{alias.name}" for alias in node.names)
    return found


def _modules():
    for app in ALLOWED:
        for path in sorted((ROOT / app).rglob("*.py")):
            yield app, _module_name(path), _imports(path)


MODULES = list(_modules())


def test_the_walk_sees_every_app_and_their_imports():
    apps = {app for app, _module, _imports in MODULES}
    assert apps == set(ALLOWED)
    imported = {name for _app, _module, names in MODULES for name in names}
    assert "courses.models" in imported and "hiring.models" in imported


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_each_app_imports_only_the_apps_it_builds_on(app):
    wrong = sorted(
        (module, name)
        for owner, module, names in MODULES
        if owner == app
        for name in names
        if name.split(".")[0] in ALLOWED
        and name.split(".")[0] != app
        and name.split(".")[0] not in ALLOWED[app]
    )
    assert wrong == []


def _views_module(name: str) -> str | None:
    """`courses.views.quiz.attempt_take` -> `courses.views.quiz`; None if not a view import."""
    parts = name.split(".")
    if len(parts) < 2 or parts[0] not in ALLOWED or parts[1] != "views":
        return None
    return ".".join(parts[:3])


def _views_imports():
    for app, module, names in MODULES:
        for target in sorted({_views_module(name) for name in names} - {None}):
            yield app, module, target


def test_views_are_imported_only_by_their_own_urls_and_hooks():
    wrong = sorted(
        (module, target)
        for app, module, target in _views_imports()
        if not module.startswith(f"{app}.views")
        and not (target.startswith(f"{app}.") and module.rpartition(".")[2] in VIEWS_IMPORTERS)
        and (module, target) not in PENDING_VIEWS_IMPORTS
    )
    assert wrong == []


def test_views_modules_do_not_import_each_other():
    """One views module borrowing another's helpers is how a public API hides in views."""
    wrong = sorted(
        (module, target)
        for _app, module, target in _views_imports()
        if module.count(".") >= 2
        and module.startswith(target.split(".")[0] + ".views")
        and target != module
        and target.count(".") == 2
    )
    assert wrong == []


def test_the_rules_catch_a_view_borrowed_from_another_app():
    assert _views_module("courses.views.quiz.answer_save_response") == "courses.views.quiz"
    assert _views_module("courses.selectors.quiz") is None
    assert _views_module("django.contrib.auth.views") is None
