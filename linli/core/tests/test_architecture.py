"""The house rules of docs/ARCHITECTURE.md that import-linter cannot see: the size of a module, no
unscoped read in a view or an API, one module declaration per app, one declaration per permission
code. Each test lists every offender, so that one run shows all that is left to do."""

import ast
import importlib
from collections import Counter
from pathlib import Path

from django.apps import apps

from linli.core import modules

ROOT = Path(__file__).resolve().parents[3]
SOURCE_DIRS = ("linli", "config", "benchmarks", "scripts")
MAX_LINES = 400  # STYLE.md: past this a module becomes a package with one file per entity


def _is_test(path: Path) -> bool:
    return "tests" in path.parts or path.name.startswith("test_") or path.name == "conftest.py"


def _python_modules() -> list[Path]:
    found = [ROOT / "manage.py"]
    for top in SOURCE_DIRS:
        found += sorted((ROOT / top).rglob("*.py"))
    return [p for p in found if p.exists() and "migrations" not in p.parts and not _is_test(p)]


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_outside_migrations_and_tests_passes_400_lines():
    offenders = [f"{p.relative_to(ROOT)}: {n}" for p in _python_modules() if (n := _lines(p)) > MAX_LINES]
    assert offenders == [], f"past {MAX_LINES} lines (make them packages):\n" + "\n".join(offenders)


def _is_view_or_api(path: Path) -> bool:
    rel = path.relative_to(ROOT / "linli")
    return (
        path.name in ("views.py", "api.py", "open311.py")
        or path.name.endswith("_views.py")
        or any(part in ("views", "open311") for part in rel.parts[:-1])
    )


def _unscoped_calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "unscoped"]


def test_no_view_or_api_reads_unscoped():
    """`unscoped()` is a method of a queryset (core/scoping.py), reached as `Model.objects.unscoped()`
    or on any queryset variable: ruff's banned-API rule (TID251) matches imported names, not methods
    called on objects, so it cannot see this. An AST walk can: any `.unscoped` attribute in a view or
    API module (views.py, views/, api.py, *_views.py, open311) is an offender. A view that needs rows
    across communities asks a selector, which says why."""
    modules_ = [p for p in _python_modules() if p.is_relative_to(ROOT / "linli") and _is_view_or_api(p)]
    offenders = [f"{p.relative_to(ROOT)}:{line}" for p in modules_ for line in _unscoped_calls(p)]
    assert modules_, "no view or API module found: the walk looks in the wrong place"
    assert offenders == [], "views and APIs calling unscoped():\n" + "\n".join(offenders)


def _feature_apps() -> list:
    return [c for c in apps.get_app_configs() if c.name.startswith("linli.") and c.name != "linli.core"]


def _register_calls(path: Path) -> int:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return sum(
        1
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and (getattr(n.func, "attr", None) == "register" or getattr(n.func, "id", None) == "register")
    )


def _declaration_problems(config) -> list[str]:
    path = Path(config.path) / "module.py"
    where = path.relative_to(ROOT)
    if not path.exists():
        return [f"{where}: missing"]
    if (calls := _register_calls(path)) != 1:
        return [f"{where}: {calls} register() calls, not one"]
    declared = [
        v for v in vars(importlib.import_module(f"{config.name}.module")).values() if isinstance(v, modules.Module)
    ]
    if [m.label for m in declared] != [config.label]:
        return [f"{where}: declares {[m.label for m in declared]}, not [{config.label!r}]"]
    if modules.get(config.label) is not declared[0]:
        return [f"{where}: its declaration is not the one registered as {config.label!r}"]
    return []


def test_every_app_declares_one_module_under_its_label():
    feature_apps = _feature_apps()
    assert len(feature_apps) >= 8, "linli's apps are not installed"
    problems = [problem for config in feature_apps for problem in _declaration_problems(config)]
    assert problems == [], "\n".join(problems)


def _declared_codes() -> Counter:
    return Counter(p.code for m in modules.modules() for p in m.permissions)


def test_every_code_a_module_grants_is_declared_once():
    declared = _declared_codes()
    wrong = {
        f"{m.label} grants {code} to {role}": declared[code]
        for m in modules.modules()
        for role, codes in m.grants.items()
        for code in codes
        if declared[code] != 1
    }
    assert wrong == {}, "granted codes declared 0 or 2+ times"


def test_no_permission_code_is_declared_twice():
    assert {code: n for code, n in _declared_codes().items() if n > 1} == {}


def _contracts() -> list[dict]:
    import tomllib

    from django.conf import settings

    return tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]


def test_every_app_is_under_the_contracts():
    """A new app that is not in the layers, the cycle check and a protected contract of its own would
    be constrained by nothing: ARCHITECTURE.md's checklist step 5, checked."""
    linli_apps = {c.name for c in apps.get_app_configs() if c.name.startswith("linli.")}
    contracts = {c["id"]: c for c in _contracts()}
    layered = {name.strip() for layer in contracts["layers"]["layers"] for name in layer.split("|")}
    assert linli_apps - layered == set(), "add these apps to the layers contract in pyproject.toml"
    assert linli_apps - set(contracts["siblings"]["ancestors"]) == set(), "add them to the siblings contract"
    protected = {c["id"].removesuffix("-private") for c in contracts.values() if c["type"] == "protected"}
    feature_apps = {name.removeprefix("linli.") for name in linli_apps} - {"core", "tenancy", "console"}
    assert feature_apps - protected == set(), "give these apps a <label>-private contract"
    for app in feature_apps:
        listed = set(contracts[f"{app}-private"]["protected_modules"])
        private = {f"linli.{app}.{m}" for m in ("models", "views", "forms", "api", "demo", "module")}
        private = {m for m in private if importlib.util.find_spec(m) is not None}
        if app in ("places", "people"):  # the ground floor's models are shared (DECISIONS.md)
            private.discard(f"linli.{app}.models")
        assert private - listed == set(), f"{app}-private leaves these private modules open"
