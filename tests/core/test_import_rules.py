"""The rule for imports between apps (docs/architecture.md, "Imports between apps"): an app
uses another app only through its public modules (models, services, queries and the
shared helpers it offers), never through its pages (views, urls, admin, demo data) and
never through a private name (one starting with an underscore)."""

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "kerekasztal"
# An app's pages and set-up: nothing outside the app imports them (the root urls.py and
# settings wire them in; core/datasets/demo.py runs every demo.py by name).
PAGE_MODULES = {"views", "urls", "admin", "demo", "migrations", "management", "templatetags"}
ROOT_MODULES = {"urls", "settings", "wsgi", "asgi", "__main__"}
# Known exceptions, each with the change that removes it. An entry whose importing module
# is gone is simply no longer met; an entry still met must stay true (see the last test).
KNOWN: set[tuple[str, str, str]] = set()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _app(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _imports(path: Path):
    """(imported module, imported name or None) for every absolute import of the project."""
    module = _module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the importing module's package
                base = module.split(".")
                if path.name != "__init__.py":
                    base = base[:-1]
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("kerekasztal"):
                for alias in node.names:
                    yield target, alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("kerekasztal"):
                    yield alias.name, None


def cross_app_imports():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        importer = _module_name(path)
        app = _app(importer)
        if not app or app in ROOT_MODULES:
            continue
        for target, name in _imports(path):
            other = _app(target)
            if not other or other == app:
                continue
            # `from kerekasztal.forums import services` imports the module `services`.
            parts = target.split(".")
            submodule = parts[2] if len(parts) > 2 else (name or "")
            yield importer, target, name, submodule


def violations():
    found = []
    for importer, target, name, submodule in cross_app_imports():
        if submodule in PAGE_MODULES:
            found.append((importer, target, name, "another app's page or set-up module"))
        elif submodule.startswith("_") or (name or "").startswith("_"):
            found.append((importer, target, name, "another app's private name"))
    return found


def test_apps_use_each_other_only_through_public_modules_and_names():
    unexpected = [v for v in violations() if v[:3] not in KNOWN]
    assert unexpected == [], "\n".join(
        f"{importer} imports {target} {name or ''}: {why}"
        for importer, target, name, why in unexpected
    )


def test_known_exceptions_are_still_needed_while_their_module_exists():
    met = {v[:3] for v in violations()}
    for importer, target, name in KNOWN:
        path = SRC / (importer.replace(".", "/") + ".py")
        if path.exists():
            assert (importer, target, name) in met, f"remove {importer} from KNOWN: it is fixed"


@pytest.mark.parametrize("source, reason", [
    ("from kerekasztal.events.views import event_list\n", "page"),
    ("from kerekasztal.events import views\n", "page"),
    ("from kerekasztal.events.forms import _settlements\n", "private"),
    ("from kerekasztal.events.services import _lock\n", "private"),
])
def test_the_rule_catches_a_bad_import(tmp_path, monkeypatch, source, reason):
    """The checker itself: a module of another app that breaks the rule is found."""
    package = tmp_path / "src" / "kerekasztal"
    (package / "meetings").mkdir(parents=True)
    (package / "meetings" / "bad.py").write_text(source, encoding="utf-8")
    this = sys.modules[__name__]
    monkeypatch.setattr(this, "SRC", tmp_path / "src")
    monkeypatch.setattr(this, "PACKAGE", package)
    found = violations()
    assert len(found) == 1
    assert reason in found[0][3]
