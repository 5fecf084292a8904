"""Imports run one way (docs/architecture.md, "Direction of imports"), and no import of a
project module hides inside a function.

Read from the source with `ast`, not by importing it: an import circle that Python happens
to resolve still fails here. Templates count too: a `{% load %}` of another app's tag
library, or an `{% include %}` of another app's template, is a dependency of the app whose
template it is.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTENT_APPS = {"pages", "newsroom", "partners"}
# Every directory with an apps.py is an app; `website` wires them and is no app's dependency.
APPS = {path.parent.name for path in ROOT.glob("*/apps.py")}
PROJECT = APPS | {"website"}
FEATURE_APPS = APPS - CONTENT_APPS

# Function-local imports of project modules that stay, each for a reason that is not a
# circle of ours: (module, function) -> why.
LOCAL_IMPORTS_ALLOWED = {
    ("search/backends/__init__.py", "SearchBackend"): (
        "each database's backend module loads models that exist only on that database"
    ),
    ("translation_tools/workflow.py", "publish_workflow_state"): (
        "Wagtail imports the module (WAGTAIL_FINISH_WORKFLOW_ACTION) while its models load"
    ),
}


def app_modules():
    for app in sorted(PROJECT):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:  # frozen history, not code that runs
                yield app, path


def project_app_of(node):
    """The project app an import statement imports from, else None (a library)."""
    if isinstance(node, ast.ImportFrom):
        if node.level:
            return "."  # relative: the importing app itself
        names = [node.module or ""]
    else:
        names = [alias.name for alias in node.names]
    for name in names:
        top = name.split(".")[0]
        if top in PROJECT:
            return top
    return None


def function_local_imports(tree):
    """(function name, line, app) of every import of a project module inside a function,
    leaving out AppConfig.ready(), where Django's idiom imports signal handlers."""
    found = []

    def visit(node, in_ready):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, in_ready)
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                ready = in_ready or (child.name == "ready" and isinstance(node, ast.ClassDef))
                for inner in ast.walk(child):
                    if isinstance(inner, (ast.Import, ast.ImportFrom)) and not ready:
                        app = project_app_of(inner)
                        if app:
                            found.append((child.name, inner.lineno, app))
            else:
                visit(child, in_ready)

    visit(tree, False)
    return found


def module_level_imports(tree):
    """The import statements that run when the module is imported (not inside functions)."""

    def visit(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                yield child
            else:
                yield from visit(child)

    return list(visit(tree))


def python_graph():
    """{app: {app it imports at module level}} (libraries left out)."""
    graph = {app: set() for app in PROJECT}
    for app, path in app_modules():
        for node in module_level_imports(ast.parse(path.read_text(), str(path))):
            target = project_app_of(node)
            if target and target not in (".", app):
                graph[app].add(target)
    return graph


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_graph():
    """{project module: {project module it imports at module level}}: a `from X import a`
    counts as importing X.a where that is a module, else X."""
    modules = {module_name(path): path for _app, path in app_modules()}
    graph = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in module_level_imports(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = package
                for _ in range(max(node.level - 1, 0)):
                    base = base.rpartition(".")[0]
                source = ".".join(filter(None, [base if node.level else "", node.module or ""]))
                submodules = [f"{source}.{alias.name}" for alias in node.names]
                targets = [m for m in submodules if m in modules] or [source]
            graph[name] |= {target for target in targets if target in modules and target != name}
    return graph


def tag_libraries():
    """{tag library name: the app that defines it}."""
    return {
        path.stem: path.parent.parent.name
        for app in APPS
        for path in (ROOT / app).glob("templatetags/*.py")
        if path.stem != "__init__"
    }


LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
INCLUDE = re.compile(r"""{%\s*(?:include|extends)\s+["']([a-z_]+)/""")


def templates_of(app):
    """The app's templates: in its own templates/ folder and in the project's templates/<app>/."""
    for folder in (ROOT / app / "templates", ROOT / "templates" / app):
        yield from sorted(folder.rglob("*.html")) if folder.is_dir() else []


def template_graph():
    """{app: {app whose tag library its templates load or whose templates they include}}."""
    libraries = tag_libraries()
    graph = {app: set() for app in PROJECT}
    for app in APPS:
        for path in templates_of(app):
            text = path.read_text()
            for match in LOAD.finditer(text):
                words = match.group(1).split()
                # "{% load a b %}" or "{% load name from a %}"
                names = words[words.index("from") + 1 :] if "from" in words else words
                graph[app] |= {libraries[name] for name in names if name in libraries}
            graph[app] |= {name for name in INCLUDE.findall(text) if name in APPS}
            graph[app].discard(app)
    return graph


def combined_graph():
    python, templates = python_graph(), template_graph()
    return {app: python[app] | templates[app] for app in PROJECT}


def cycle_in(graph):
    """A cycle as a list of apps, or None."""
    visiting, done = [], set()

    def walk(app):
        if app in visiting:
            return visiting[visiting.index(app) :] + [app]
        if app in done:
            return None
        visiting.append(app)
        for target in sorted(graph[app]):
            cycle = walk(target)
            if cycle:
                return cycle
        visiting.pop()
        done.add(app)
        return None

    for app in sorted(graph):
        cycle = walk(app)
        if cycle:
            return cycle
    return None


# (a) No function-local import of a project module -------------------------------------


def test_no_function_imports_a_project_module_outside_app_ready():
    found = []
    for _app, path in app_modules():
        module = str(path.relative_to(ROOT))
        for function, line, _target in function_local_imports(ast.parse(path.read_text())):
            if (module, function) not in LOCAL_IMPORTS_ALLOWED:
                found.append(f"{module}:{line} in {function}()")
    assert found == [], "move these imports to the module's top, or the shared piece down"


def test_the_allowed_local_imports_still_exist():
    # An entry whose import has gone is an excuse nobody needs any more.
    present = set()
    for _app, path in app_modules():
        module = str(path.relative_to(ROOT))
        present |= {
            (module, function)
            for function, _, _ in function_local_imports(ast.parse(path.read_text()))
        }
    assert set(LOCAL_IMPORTS_ALLOWED) <= present


def test_the_check_sees_a_hidden_import():
    # The check itself: a circle hidden in a method is found; ready() and libraries are not.
    source = (
        "class Page:\n"
        "    def get_context(self):\n"
        "        from .feeds import Feed\n"
        "        import json\n"
        "class Config:\n"
        "    def ready(self):\n"
        "        from . import signal_handlers\n"
    )
    assert function_local_imports(ast.parse(source)) == [("get_context", 3, ".")]


# (b) The graph of apps -------------------------------------------------------------------


def test_the_import_graph_of_apps_has_no_cycle():
    assert cycle_in(python_graph()) is None
    assert cycle_in(combined_graph()) is None


def test_no_module_imports_itself_in_a_circle():
    # Within an app too: the news index, its listing and its feeds; partners, projects and
    # pilots (what the function-local imports used to hide).
    assert cycle_in(module_graph()) is None
    graph = module_graph()
    assert "newsroom.feeds" in graph["newsroom.models.news_index"]
    assert "partners.models.pilots" in graph["partners.models.partners"]


def test_the_cycle_check_finds_a_cycle():
    assert cycle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle_in({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("app", sorted(CONTENT_APPS))
def test_content_apps_import_no_feature_app_nor_the_project(app):
    graph = combined_graph()
    assert graph[app] & (FEATURE_APPS | {"website"}) == set()


def test_pages_depends_on_no_other_app_even_in_templates():
    assert combined_graph()["pages"] == set()


def test_partners_code_imports_nothing_of_the_newsroom_and_the_newsroom_nothing_of_partners():
    # One way: partners' templates load newsroom_tags (the releases about a page, a
    # project's feeds); its Python does not import the newsroom, and the newsroom learns
    # partners' page types from settings only.
    assert "newsroom" not in python_graph()["partners"]
    assert "partners" not in combined_graph()["newsroom"]
    assert template_graph()["partners"] <= {"pages", "newsroom"}


def test_nothing_imports_the_project_package():
    graph = combined_graph()
    assert [app for app in APPS if "website" in graph[app]] == []


def test_the_template_graph_reads_loads_and_includes():
    libraries = tag_libraries()
    assert libraries["newsroom_tags"] == "newsroom"
    assert libraries["site_tags"] == "pages"
    assert LOAD.findall("{% load i18n partners_tags newsroom_tags %}") == [
        "i18n partners_tags newsroom_tags"
    ]
    assert INCLUDE.findall('{% include "newsroom/includes/feed_links.html" %}') == ["newsroom"]
