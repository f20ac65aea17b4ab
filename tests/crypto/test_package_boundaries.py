"""crypto/ stays pure: standard library, cryptography and argon2-cffi only; no app globals."""

import ast
import sys
from pathlib import Path

import crypto

PACKAGE = Path(crypto.__file__).parent
ALLOWED_THIRD_PARTY = {"cryptography", "argon2"}


def _imported_top_level_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module.split(".")[0])
    return modules


def test_crypto_imports_only_the_standard_library_and_its_two_dependencies() -> None:
    sources = sorted(PACKAGE.glob("*.py"))
    assert sources
    for path in sources:
        foreign = _imported_top_level_modules(path) - sys.stdlib_module_names
        assert foreign <= ALLOWED_THIRD_PARTY | {"crypto"}, f"{path.name} imports {foreign}"


def test_crypto_reads_no_environment_or_app_globals() -> None:
    forbidden = {"environ", "environb", "getenv", "current_app", "g", "session", "request"}
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute):
                assert node.attr not in forbidden, f"{path.name} uses .{node.attr}"
            elif isinstance(node, ast.ImportFrom):
                names = {alias.name for alias in node.names}
                assert not names & forbidden, f"{path.name} imports {names & forbidden}"


def test_everything_exported_is_documented() -> None:
    for name in crypto.__all__:
        value = getattr(crypto, name)
        if callable(value):
            assert value.__doc__, f"{name} has no docstring"
