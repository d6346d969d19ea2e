#!/usr/bin/env bash
# The suite checks the shipped nginx site with `nginx -t`: install Debian's nginx when missing and we may.
# The package's own service is not started (the test runs nginx -t on a throwaway configuration only).
set -euo pipefail
if [ -x /usr/sbin/nginx ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's nginx for the deployment kit's test..."
  apt-get update -qq
  # policy-rc.d 101: do not start the packaged service inside this machine or container.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d.linli && chmod +x /usr/sbin/policy-rc.d.linli
  if [ ! -e /usr/sbin/policy-rc.d ]; then ln -s policy-rc.d.linli /usr/sbin/policy-rc.d; linked=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null
  if [ "${linked:-}" = "1" ]; then rm -f /usr/sbin/policy-rc.d; fi
  rm -f /usr/sbin/policy-rc.d.linli
else
  echo "nginx is missing and I cannot install it (not root): the nginx -t test will fail." >&2
  echo "Install it with: sudo apt-get install nginx" >&2
fi
