"""The locks agree with pyproject.toml: every direct pin is in its lock at the same version, the
development lock holds the runtime set at the runtime versions, every entry carries hashes, and
the runtime lock holds none of the test tools (a server installs it alone)."""

import re
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
REQUIREMENTS = ROOT / "requirements"


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements: list[str]) -> dict[str, str]:
    found = {}
    for requirement in requirements:
        name, version = re.match(r"([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==(\S+)", requirement).groups()
        found[normal(name)] = version
    return found


def lock(path: Path) -> dict[str, tuple[str, int]]:
    """name → (version, number of hashes)."""
    text = re.sub(r"\\\n\s*", " ", path.read_text())
    entries = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split()[0].split("==")
            entries[normal(name)] = (version, len(re.findall(r"--hash=sha256:[0-9a-f]{64}", line)))
    return entries


PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_every_runtime_pin_is_locked_at_its_version_with_hashes():
    runtime = lock(REQUIREMENTS / "runtime.txt")
    direct = pins(PROJECT["dependencies"])
    assert {name: runtime.get(name, ("missing",))[0] for name in direct} == direct
    assert [name for name, (_, hashes) in runtime.items() if hashes == 0] == []


def test_the_dev_lock_holds_the_runtime_set_at_the_same_versions_and_the_dev_pins():
    runtime = lock(REQUIREMENTS / "runtime.txt")
    dev = lock(REQUIREMENTS / "dev.txt")
    assert {name: dev.get(name, ("missing",))[0] for name in runtime} == {n: v for n, (v, _) in runtime.items()}
    direct = pins(PROJECT["optional-dependencies"]["dev"])
    assert {name: dev.get(name, ("missing",))[0] for name in direct} == direct
    assert [name for name, (_, hashes) in dev.items() if hashes == 0] == []


def test_no_test_tool_reaches_the_runtime_lock():
    runtime = lock(REQUIREMENTS / "runtime.txt")
    dev_only = set(pins(PROJECT["optional-dependencies"]["dev"])) - set(pins(PROJECT["dependencies"]))
    assert dev_only & set(runtime) == set()
    assert not (ROOT / "requirements.lock").exists()
