"""The import graph of the apps keeps the layering of docs/architecture.md, and every app keeps the shape.

Read from the source with ``ast``, so nothing is imported: every ``import`` and ``from ... import`` under
``apps/`` (at module level and inside functions), except those under ``if TYPE_CHECKING:`` (type hints only,
never run) and in migrations (frozen history). Each failure names the file and line that make it.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
APPS = ROOT / "apps"
# Lowest first: an app may import only the apps before it (docs/architecture.md, "Which app may import which").
LAYERS = (
    "core",
    "sectors",
    "organisations",
    "accounts",
    "notifications",
    "strategy",
    "programmes",
    "initiatives",
    "premises",
    "partner_requests",
    "pulse",
    "indicators",
    "dashboards",
    "imports",
    "home",
    "public",
    "partners",
)


@dataclass(frozen=True, order=True)
class Import:
    """One import of app ``target`` by a module of app ``source``, at ``path:line``."""

    source: str
    target: str
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line} ({self.source} → {self.target})"


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported_modules(tree: ast.AST, package: str) -> Iterator[tuple[str, int]]:
    """(module, line) of every import that runs, with relative imports resolved against ``package``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from (item for branch in node.orelse for item in _imported_modules_of_node(branch, package))
            continue
        yield from _imported_modules_of_node(node, package)


def _imported_modules_of_node(node: ast.AST, package: str) -> Iterator[tuple[str, int]]:
    if isinstance(node, ast.Import):
        yield from ((alias.name, node.lineno) for alias in node.names)
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            parts = package.split(".")
            base = ".".join(parts[: len(parts) - node.level + 1])
            module = f"{base}.{node.module}" if node.module else base
        else:
            module = node.module or ""
        yield (module, node.lineno)
        # "from apps import initiatives" names the app in the imported name
        yield from ((f"{module}.{alias.name}", node.lineno) for alias in node.names)
    yield from _imported_modules(node, package)


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "apps" else None


def imports_in(source: str, *, module: str, path: str) -> list[Import]:
    """The imports of other apps in one module's ``source`` (``module`` is its dotted name)."""
    app = _app_of(module)
    is_package = path.endswith("__init__.py")
    package = module if is_package else module.rpartition(".")[0]
    found = set()
    for imported, line in _imported_modules(ast.parse(source, filename=path), package):
        target = _app_of(imported)
        if target is not None and target != app:
            found.add(Import(app or "", target, path, line))
    return sorted(found)


def app_imports(apps_dir: Path = APPS) -> list[Import]:
    """Every import of one app by another under ``apps_dir``, migrations left out."""
    found: list[Import] = []
    for file in sorted(apps_dir.rglob("*.py")):
        relative = file.relative_to(apps_dir.parent)
        if "migrations" in relative.parts:
            continue
        parts = list(relative.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found += imports_in(file.read_text(), module=".".join(parts), path=str(relative))
    return found


def core_violations(imports: Iterable[Import]) -> list[str]:
    """(a) core is the ground floor: it imports no other app."""
    return [f"{item}: core imports no other app" for item in imports if item.source == "core"]


def layering_violations(imports: Iterable[Import], layers: tuple[str, ...] = LAYERS) -> list[str]:
    """(c) an app imports only apps lower in ``layers``; an app missing from ``layers`` must be placed first."""
    violations = []
    for item in imports:
        if item.source not in layers or item.target not in layers:
            missing = item.source if item.source not in layers else item.target
            violations.append(f"{item}: the app {missing!r} has no place in the layering")
        elif layers.index(item.target) > layers.index(item.source):
            violations.append(f"{item}: {item.target} is above {item.source} in the layering")
    return violations


def cycles(imports: Iterable[Import], layers: tuple[str, ...] = LAYERS) -> list[str]:
    """(b) apps that import each other, directly or round a longer loop: each such group once, with every import
    between its apps; those that point up the layering, which are the ones to remove, are marked."""
    edges: dict[tuple[str, str], list[Import]] = defaultdict(list)
    graph: dict[str, set[str]] = defaultdict(set)
    for item in imports:
        edges[item.source, item.target].append(item)
        graph[item.source].add(item.target)
    found = []
    for group in _strongly_connected(graph):
        inside = [
            f"  {source} → {target}{' (points up)' if _points_up(source, target, layers) else ''}: "
            + ", ".join(f"{item.path}:{item.line}" for item in sorted(edges[source, target]))
            for source, target in sorted(edges)
            if source in group and target in group
        ]
        loop = " → ".join(_a_loop(graph, group))
        found.append(f"apps import each other: {', '.join(group)} (e.g. {loop})\n" + "\n".join(inside))
    return found


def _points_up(source: str, target: str, layers: tuple[str, ...]) -> bool:
    return source in layers and target in layers and layers.index(target) > layers.index(source)


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of two or more apps that all reach each other (Tarjan's algorithm), in a stable order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def _a_loop(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """A shortest loop from the group's first app back to it, inside the group: [a, b, ..., a]."""
    start, members = component[0], set(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for successor in sorted(graph[node] & members):
            if successor == start:
                return [*paths[node], start]
            if successor not in paths:
                paths[successor] = [*paths[node], successor]
                queue.append(successor)
    raise AssertionError(f"no loop in the strongly connected group {component}")


def _has(app_dir: Path, name: str) -> bool:
    """The app has the module ``name`` (a file, or a package that grew from one)."""
    return (app_dir / f"{name}.py").is_file() or (app_dir / name / "__init__.py").is_file()


def shape_violations(apps_dir: Path = APPS) -> list[str]:
    """(e) the files of one kind of code come together: views with their urls, API views with urls and serializers."""
    violations = []
    for app_dir in sorted(path for path in apps_dir.iterdir() if (path / "apps.py").is_file()):
        app = app_dir.relative_to(apps_dir.parent)
        if _has(app_dir, "views") and not _has(app_dir, "urls"):
            violations.append(f"{app}/views.py:1: {app.name} has views but no urls.py")
        api = app_dir / "api"
        if _has(api, "views"):
            violations += [
                f"{app}/api/views.py:1: {app.name} has API views but no api/{name}.py"
                for name in ("urls", "serializers")
                if not _has(api, name)
            ]
    return violations


def _report(title: str, violations: list[str]) -> str:
    return f"{title}:\n" + "\n".join(violations)


# --- the checks on the code of the apps ---


def test_core_imports_no_other_app():
    violations = core_violations(app_imports())

    assert not violations, _report("core is the ground floor, yet", violations)


def test_no_two_apps_import_each_other():
    violations = cycles(app_imports())

    assert not violations, _report("import cycles between apps", violations)


def test_apps_import_only_apps_below_them():
    violations = layering_violations(app_imports())

    assert not violations, _report(f"imports against the layering {' < '.join(LAYERS)}", violations)


def test_every_app_keeps_the_shape():
    violations = shape_violations()

    assert not violations, _report("apps missing a file of their shape", violations)


def test_every_installed_app_of_ours_has_its_place_in_the_layering():
    from django.conf import settings

    ours = {name.removeprefix("apps.") for name in settings.INSTALLED_APPS if name.startswith("apps.")}

    assert ours == set(LAYERS)


# --- the checker itself, on made-up code ---


def test_the_reader_sees_function_level_and_relative_imports_and_skips_type_checking_ones():
    # given a module of the programmes app with every kind of import
    source = """
from typing import TYPE_CHECKING

from apps.core.exceptions import NotAllowed
from . import selectors
from ..sectors import models as sector_models

if TYPE_CHECKING:
    from apps.initiatives.models import Initiative
else:
    import apps.strategy.models

def later():
    from apps import premises
    import apps.indicators.tasks as tasks
"""

    # when its imports are read
    found = imports_in(source, module="apps.programmes.services", path="apps/programmes/services.py")

    # then every other app it runs an import of is there, with its line, and the type-only import is not
    assert [(item.target, item.line) for item in found] == [
        ("core", 4),
        ("indicators", 15),
        ("premises", 14),
        ("sectors", 6),
        ("strategy", 11),
    ]


def test_the_checker_reports_core_importing_a_feature_app_and_a_cycle_with_their_files():
    # given a made-up graph: core reaches up to indicators (which imports core), and three apps import each other
    # round a loop
    imports = [
        Import("core", "indicators", "apps/core/context_processors.py", 7),
        Import("programmes", "initiatives", "apps/programmes/selectors.py", 12),
        Import("initiatives", "premises", "apps/initiatives/views.py", 30),
        Import("premises", "programmes", "apps/premises/forms.py", 4),
        Import("premises", "programmes", "apps/premises/services.py", 9),
        Import("indicators", "core", "apps/indicators/tasks.py", 3),
    ]

    # when it is checked
    from_core = core_violations(imports)
    loops = cycles(imports)
    against_layers = layering_violations(imports)

    # then each finding names the file and line that make it
    assert from_core == ["apps/core/context_processors.py:7 (core → indicators): core imports no other app"]
    assert loops == [
        "apps import each other: core, indicators (e.g. core → indicators → core)\n"
        "  core → indicators (points up): apps/core/context_processors.py:7\n"
        "  indicators → core: apps/indicators/tasks.py:3",
        "apps import each other: initiatives, premises, programmes (e.g. initiatives → premises → programmes → "
        "initiatives)\n"
        "  initiatives → premises (points up): apps/initiatives/views.py:30\n"
        "  premises → programmes: apps/premises/forms.py:4, apps/premises/services.py:9\n"
        "  programmes → initiatives (points up): apps/programmes/selectors.py:12",
    ]
    assert [violation.split(" ", 1)[0] for violation in against_layers] == [
        "apps/core/context_processors.py:7",
        "apps/programmes/selectors.py:12",
        "apps/initiatives/views.py:30",
    ]


def test_the_checker_finds_no_cycle_in_a_graph_that_only_points_down():
    imports = [
        Import("dashboards", "indicators", "apps/dashboards/views.py", 1),
        Import("indicators", "core", "apps/indicators/tasks.py", 1),
        Import("dashboards", "core", "apps/dashboards/views.py", 2),
    ]

    assert cycles(imports) == []
    assert layering_violations(imports) == []
    assert core_violations(imports) == []


def test_the_shape_check_wants_urls_beside_views_and_serializers_beside_api_views(tmp_path):
    # given one app with views but no urls, and API views without serializers
    app = tmp_path / "apps" / "things"
    (app / "api").mkdir(parents=True)
    for name in ("apps.py", "views.py", "api/__init__.py", "api/views.py", "api/urls.py"):
        (app / name).write_text("")

    # when the shape is checked
    violations = shape_violations(tmp_path / "apps")

    # then both missing files are named
    assert violations == [
        "apps/things/views.py:1: things has views but no urls.py",
        "apps/things/api/views.py:1: things has API views but no api/serializers.py",
    ]
