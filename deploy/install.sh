#!/bin/sh
# Install this linli bundle without a network (docs/DEPLOY.md):
#   sudo ./install.sh [--activate] [PREFIX]        PREFIX defaults to /opt/linli
# It makes PREFIX/releases/<release>/{venv,app,static}: a virtualenv holding the runtime set from
# wheels/ only (every file checked against its hash), the source and the collected static files.
# --activate then points PREFIX/current at it (the systemd units and nginx use PREFIX/current);
# without it, switch when ready: ln -sfn releases/<release> PREFIX/current (docs/UPGRADE.md).
set -eu
activate=no
if [ "${1:-}" = "--activate" ]; then activate=yes; shift; fi
prefix=${1:-/opt/linli}
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3}
release=$(cat "$here/RELEASE")
target="$prefix/releases/$release"

# Only this bundle's wheels: no index, no pip configuration of the machine.
unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_CONSTRAINT PIP_REQUIRE_VIRTUALENV || true
export PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

if [ -e "$target" ]; then
  echo "$target exists already: remove it first to reinstall this release." >&2
  exit 1
fi
"$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || {
  echo "linli's bundle needs Python 3.11 (Debian 12's python3; set PYTHON=/path/to/python3.11)." >&2
  exit 1
}
mkdir -p "$prefix/releases"
trap 'rm -rf "$target"' EXIT
"$python" -m venv "$target/venv"
"$target/venv/bin/python" -m pip install --quiet --no-index --find-links "$here/wheels" \
  --require-hashes --only-binary=:all: -r "$here/requirements.txt"
cp -a "$here/app" "$target/app"
cp -a "$here/static" "$target/static"
cp "$here/RELEASE" "$target/RELEASE"
trap - EXIT
echo "installed $release into $target"
if [ "$activate" = yes ]; then
  ln -sfn "releases/$release" "$prefix/current.new"
  mv -T "$prefix/current.new" "$prefix/current"
  echo "$prefix/current -> releases/$release"
else
  echo "activate it with: ln -sfn releases/$release $prefix/current.new && mv -T $prefix/current.new $prefix/current"
fi
