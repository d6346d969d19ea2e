#!/usr/bin/env python3
"""Build linli's offline install bundle (docs/DEPLOY.md, "Installing from the bundle").

    dist/linli-<version>-<commit>.tar
        linli-<version>-<commit>/
            install.sh        creates a virtualenv and installs offline, every file checked by hash
            requirements.txt  requirements/runtime.txt, with the hash of each wheel built here
            wheels/           the runtime set for CPython 3.11 on manylinux x86_64 and aarch64
            app/              the source without tests (config, linli, locale with the .mo, deploy, docs)
            static/           collectstatic under the production settings (manifest storage)
            RELEASE, BUNDLE.json, SHA256SUMS

Downloads go to a cache (var/bundle-cache) and are tried from it first, offline, so a rebuild with
the same lock fetches nothing. Packages published only as sdists (jieba) are built once into a
pure-Python wheel from their hash-checked sdist.
"""

import argparse
import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON_VERSION = "3.11"
# Newest first; pip accepts a wheel tagged with any of them. Debian 12 has glibc 2.36.
MANYLINUX = ["manylinux_2_36", "manylinux_2_34", "manylinux_2_28", "manylinux_2_27", "manylinux_2_24",
             "manylinux_2_17", "manylinux2014"]  # fmt: skip
ARCHES = ["x86_64", "aarch64"]
SDIST_ONLY = {"jieba"}  # no wheel on the index: built here into a py3-none-any wheel
EXCLUDE = re.compile(r"(^|/)tests/|^conftest\.py$|^benchmarks/|^\.ci/|^scripts/|^\.gitignore$|^docs/screenshots/|^wip/")


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, **kwargs)  # noqa: S603 - our own commands, no shell


def pip(*args: str, quiet: bool = True) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pip", *args]
    return subprocess.run(command, capture_output=quiet, text=True, check=False)  # noqa: S603


def parse_lock(path: Path) -> dict[str, tuple[str, list[str]]]:
    """name → (the `name==version` line, its hashes) of a pip-compile file with hashes."""
    text = re.sub(r"\\\n\s*", " ", path.read_text())
    entries = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement = line.split()[0]
        name = re.split(r"[=<>!~\[;]", requirement, maxsplit=1)[0].lower().replace("_", "-")
        entries[name] = (requirement, re.findall(r"--hash=(sha256:[0-9a-f]+)", line))
    return entries


def write_requirements(path: Path, entries: dict[str, tuple[str, list[str]]]) -> None:
    lines = []
    for requirement, hashes in entries.values():
        lines.append(" \\\n    ".join([requirement, *(f"--hash={h}" for h in hashes)]))
    path.write_text("\n".join(lines) + "\n")


def platform_args(arch: str) -> list[str]:
    args = ["--only-binary=:all:", "--python-version", PYTHON_VERSION, "--implementation", "cp"]
    for tag in MANYLINUX:
        args += ["--platform", f"{tag}_{arch}"]
    return args


def download_wheels(requirements: Path, arch: str, cache: Path, into: Path) -> None:
    """The wheels of requirements for arch into `into`, from the cache when it has them all."""
    common = ["download", "--no-deps", "--require-hashes", "-r", str(requirements), *platform_args(arch)]
    offline = pip(*common, "--no-index", "--find-links", str(cache), "-d", str(into))
    if offline.returncode == 0:
        return
    print(f"fetching the {arch} wheels into {cache} ...", flush=True)
    online = pip(*common, "-d", str(cache), quiet=False)
    if online.returncode != 0:
        sys.exit(f"could not get every runtime wheel for {arch}: a package without a wheel for it?")
    result = pip(*common, "--no-index", "--find-links", str(cache), "-d", str(into))
    if result.returncode != 0:
        sys.exit(result.stderr)


def build_sdist_wheel(name: str, entry: tuple[str, list[str]], cache: Path) -> Path:
    """A wheel built once from the hash-checked sdist; kept in the cache so its hash stays the same."""
    requirement, hashes = entry
    built = cache / "built"
    version = requirement.split("==", 1)[1]
    found = sorted(built.glob(f"{name.replace('-', '_')}-{version}-py3-none-any.whl"))
    if found:
        return found[0]
    sdists = cache / "sdists"
    sdists.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        lock = Path(work) / "sdist.txt"
        write_requirements(lock, {name: entry})
        if pip("download", "--no-deps", "--no-binary=:all:", "--require-hashes", "-r", str(lock), "-d", str(sdists),
               quiet=False).returncode != 0:  # fmt: skip
            sys.exit(f"could not fetch the sdist of {requirement}")
        sdist = sorted(sdists.glob(f"{name}-{version}.*"))[0]
        if pip("wheel", "--no-deps", "-w", str(built), str(sdist)).returncode != 0:
            sys.exit(f"could not build a wheel of {requirement}")
    found = sorted(built.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    if not found or not found[0].name.endswith("-py3-none-any.whl"):
        sys.exit(f"{requirement} did not build into one pure-Python wheel")
    return found[0]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def source_files() -> list[str]:
    listed = git("ls-files", "-co", "--exclude-standard")
    return [name for name in listed.splitlines() if not EXCLUDE.search(name) and (ROOT / name).is_file()]


def git(*args: str) -> str:
    result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603, S607
    return result.stdout


def commit() -> str:
    result, dirty = git("rev-parse", "--short=10", "HEAD"), git("status", "--porcelain")
    return (result.strip() or "nogit") + ("-dirty" if dirty.strip() else "")


def collect_static(app: Path, into: Path) -> None:
    """collectstatic of the bundle's own source under the production settings (manifest storage)."""
    with tempfile.TemporaryDirectory() as var:
        key = base64.b64encode(os.urandom(32)).decode()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": base64.b64encode(os.urandom(48)).decode(),
            "LINLI_FIELD_KEYS": f"build:aes-256-gcm:{key}",
            "LINLI_BLIND_INDEX_KEY": key,
            "LINLI_VAR_DIR": var,
            "STATIC_ROOT": str(into),
            "DATABASE_URL": f"sqlite:///{var}/build.sqlite3",
        }
        run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=app, env=env)
        if not into.exists():  # settings without STATIC_ROOT from the environment
            shutil.move(Path(var) / "staticfiles", into)
    if not (into / "staticfiles.json").exists():
        sys.exit("collectstatic wrote no manifest (staticfiles.json)")


INSTALL_SH = (ROOT / "deploy" / "install.sh").read_text


def build(out: Path, arches: list[str], cache: Path) -> Path:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    name = f"linli-{version}-{commit()}"
    lock = parse_lock(ROOT / "requirements" / "runtime.txt")
    out.mkdir(parents=True, exist_ok=True)
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out, prefix=".build-") as work:
        top = Path(work) / name
        wheels = top / "wheels"
        wheels.mkdir(parents=True)
        binary = {n: e for n, e in lock.items() if n not in SDIST_ONLY}
        binary_file = Path(work) / "binary.txt"
        write_requirements(binary_file, binary)
        for arch in arches:
            download_wheels(binary_file, arch, cache / "wheels", wheels)
        final = dict(lock)
        for sdist_name in sorted(SDIST_ONLY & set(lock)):
            wheel = build_sdist_wheel(sdist_name, lock[sdist_name], cache)
            shutil.copy2(wheel, wheels / wheel.name)
            final[sdist_name] = (lock[sdist_name][0], [f"sha256:{sha256(wheel)}"])
        write_requirements(top / "requirements.txt", final)
        app = top / "app"
        for relative in source_files():
            (app / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / relative, app / relative)
        collect_static(app, top / "static")
        install = top / "install.sh"
        install.write_text(INSTALL_SH())
        install.chmod(0o755)
        (top / "RELEASE").write_text(name + "\n")
        info = {"release": name, "version": version, "python": PYTHON_VERSION, "arches": arches,
                "wheels": sorted(p.name for p in wheels.iterdir())}  # fmt: skip
        (top / "BUNDLE.json").write_text(json.dumps(info, indent=2) + "\n")
        sums = [f"{sha256(p)}  {p.relative_to(top).as_posix()}" for p in sorted(top.rglob("*")) if p.is_file()]
        (top / "SHA256SUMS").write_text("\n".join(sums) + "\n")
        target = out / f"{name}.tar"
        with tarfile.open(target.with_suffix(".tar.partial"), "w") as tar:
            tar.add(top, name)
        os.replace(target.with_suffix(".tar.partial"), target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--arch", action="append", choices=ARCHES, help="default: both")
    parser.add_argument("--cache", type=Path, default=ROOT / "var" / "bundle-cache")
    args = parser.parse_args()
    target = build(args.out.resolve(), args.arch or ARCHES, args.cache.resolve())
    print(f"bundle: {target} ({target.stat().st_size / 1024 / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
