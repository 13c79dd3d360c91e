"""Check that the running environment holds exactly the versions of a lock file.

Usage: python scripts/check_lock.py requirements/ci.txt

CI installs with the lock as a constraints file; this proves the constraints took (a package
the lock does not name would otherwise come in at whatever version is newest that day). Exit 1
with one line per difference.
"""

from __future__ import annotations

import importlib.metadata
import re
import sys
from pathlib import Path

# Installed by venv itself, or the project under test: not part of the lock.
_NOT_LOCKED = {"pip", "setuptools", "wheel", "retold"}


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock(path: Path) -> dict[str, str]:
    """``name==version`` lines of a pip-compile/uv lock → {normalized name: version}."""
    pinned = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", line)
        if match:
            pinned[_normalize(match.group(1))] = match.group(2)
    return pinned


def differences(pinned: dict[str, str]) -> list[str]:
    installed = {
        _normalize(dist.metadata["Name"]): dist.version
        for dist in importlib.metadata.distributions()
    }
    found = []
    for name, version in sorted(pinned.items()):
        if name not in installed:
            found.append(f"missing: {name}=={version}")
        elif installed[name] != version:
            found.append(f"{name}: lock {version}, installed {installed[name]}")
    for name in sorted(installed.keys() - pinned.keys() - _NOT_LOCKED):
        found.append(f"not in the lock: {name}=={installed[name]}")
    return found


def main() -> int:
    lock = Path(sys.argv[1] if len(sys.argv) > 1 else "requirements/ci.txt")
    pinned = read_lock(lock)
    found = differences(pinned)
    for line in found:
        print(f"check_lock: {line}", file=sys.stderr)
    if not found:
        print(f"check_lock: {len(pinned)} packages exactly as in {lock}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
