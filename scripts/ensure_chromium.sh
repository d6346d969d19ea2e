#!/usr/bin/env bash
# Browser tests drive Debian's Chromium; install it (and a CJK font) when missing and we may.
set -euo pipefail
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'wqy'; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium and fonts-wqy-microhei for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
else
  echo "chromium is missing and I cannot install it (not root): browser tests will fail." >&2
  echo "Install it with: sudo apt-get install chromium fonts-wqy-microhei" >&2
fi
