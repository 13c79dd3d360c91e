"""What the package imports is declared, every module imports, the layers import one way, and
the command line starts without the heavy libraries."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "src" / "retold"


def _modules() -> dict[str, Path]:
    """Dotted module name → file, for every module of the package."""
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _is_type_checking(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")


def _statements(nodes: list[ast.stmt], *, in_functions: bool) -> Iterator[ast.stmt]:
    """Every statement, nested ones included, but never the body of ``if TYPE_CHECKING:``
    (annotations only); function bodies only ``in_functions``."""
    for node in nodes:
        if _is_type_checking(node):
            yield from _statements(node.orelse, in_functions=in_functions)
            continue
        if not in_functions and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        yield node
        for field in ("body", "orelse", "handlers", "finalbody"):
            children = getattr(node, field, None)
            if isinstance(children, list):
                statements = [child for child in children if isinstance(child, ast.stmt)]
                yield from _statements(statements, in_functions=in_functions)


def _imports(path: Path, module: str, *, in_functions: bool) -> Iterator[str]:
    """Absolute names imported by ``module`` (``from x import y`` gives x and x.y)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in _statements(tree.body, in_functions=in_functions):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - node.level + 1]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            yield source
            yield from (f"{source}.{alias.name}" for alias in node.names)


def _declared(extra: str | None = None) -> set[str]:
    """The core dependencies, and those of ``extra`` if given."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = project["dependencies"] + (project["optional-dependencies"][extra] if extra else [])
    return {_normalize(re.split(r"[<>=!~;\[ ]", spec)[0]) for spec in specs}


EXTRAS = {"retold.engines.spark": "spark"}
"""Packages that may import what an extra installs (and nothing else may)."""


def _extra_of(module: str) -> str | None:
    for package, extra in EXTRAS.items():
        if module == package or module.startswith(package + "."):
            return extra
    return None


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_third_party_import_is_a_declared_dependency() -> None:
    """Declared directly, not through another package's dependencies or the dev extra; the
    Spark engine's modules may import the spark extra's packages too."""
    distributions = importlib.metadata.packages_distributions()
    undeclared = {}
    for module, path in _modules().items():
        declared = _declared(_extra_of(module))
        for name in _imports(path, module, in_functions=True):
            top = name.split(".")[0]
            if top == "retold" or top in sys.stdlib_module_names or top == "__future__":
                continue
            owners = {_normalize(d) for d in distributions.get(top, [top])}
            if not owners & declared:
                undeclared[f"{module}: {name}"] = sorted(owners)
    assert not undeclared, undeclared


def test_the_html_cleaner_is_declared() -> None:
    """lxml 6 moved ``lxml.html.clean`` out; jusText (via trafilatura) still imports it."""
    assert "lxml-html-clean" in _declared()


_IMPORT_ALL = """
import importlib, importlib.util, sys
extra_missing = importlib.util.find_spec("pyspark") is None
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as error:
        # Without the spark extra (README's plain install), the Spark driver's modules cannot
        # load; every other module must, and with the extra (as CI installs) all of them.
        if not (extra_missing and name.startswith("retold.engines.spark.")
                and error.name in ("pyspark", "py4j")):
            raise
"""


def test_every_module_imports() -> None:
    names = sorted(_modules())
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL, *names], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr


def _import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = set(_imports(path, module, in_functions=True)) & set(modules)
        graph[module] = targets - {module}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle among modules, or None (depth-first search with colours)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_modules_import_each_other_one_way() -> None:
    """No cycle among the modules, counting the imports inside functions too (a lazy import
    is still a dependency): the stages sit below the comparison core, the core below the API
    and the engines, the command line on top."""
    assert _cycle(_import_graph()) is None


def test_the_comparison_core_sits_below_the_api() -> None:
    graph = _import_graph()
    for module in ("retold.core", "retold.pairs", "retold.engines.local"):
        assert "retold.api" not in graph[module], module


def test_the_command_line_starts_without_the_heavy_libraries() -> None:
    """``retold --help`` must stay fast: numpy, DuckDB, pyarrow, ftfy and trafilatura load only
    in the commands that use them."""
    script = (
        "import sys\nfrom retold.cli import main\nsys.argv = ['retold', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('numpy', 'duckdb', 'pyarrow', 'ftfy', 'trafilatura', 'regex', 'rapidfuzz')\n"
        "print(sorted(name for name in heavy if name in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "[]"
    assert "compare" in result.stdout and "doctor" in result.stdout


def test_every_public_name_resolves() -> None:
    import retold

    for name in retold.__all__:
        assert getattr(retold, name) is not None, name
    assert sorted(retold.__all__) == sorted([*retold._EXPORTS, "__version__"])
