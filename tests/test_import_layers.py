"""No model imports a view: pages call services and selectors, so views depend on
models and never the other way round (no import circle through `serve`)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ("courses", "wellbeing", "hiring", "training")


def _model_modules() -> list[Path]:
    found = []
    for app in APPS:
        base = ROOT / app
        if not base.is_dir():
            continue
        found += sorted((base / "models").rglob("*.py")) if (base / "models").is_dir() else []
        if (base / "models.py").is_file():
            found.append(base / "models.py")
    return found


def _imported_modules(path: Path) -> list[str]:
    """Every module a file imports, anywhere in it (lazy imports in methods too),
    as a dotted name resolved against the file's own package."""
    package = list(path.relative_to(ROOT).with_suffix("").parts[:-1])
    names = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names.append(module)
            names += [f"{module}.{alias.name}" for alias in node.names]
    return names


def _views(name: str) -> bool:
    """One of our apps' views (Django's own helpers, e.g. redirect_to_login, are fine)."""
    parts = name.split(".")
    return parts[0] in APPS and "views" in parts


def test_the_checker_sees_a_lazy_view_import(tmp_path):
    sample = ROOT / "courses" / "models" / "_sample_for_the_checker.py"
    sample.write_text("def serve():\n    from ..views.learner import something\n")
    try:
        assert any(_views(name) for name in _imported_modules(sample))
    finally:
        sample.unlink()


def test_no_models_module_imports_a_views_module():
    modules = _model_modules()
    assert modules, "no models modules found: the checker looks in the wrong place"
    offenders = {
        str(path.relative_to(ROOT)): [name for name in _imported_modules(path) if _views(name)]
        for path in modules
    }
    assert {path: names for path, names in offenders.items() if names} == {}
