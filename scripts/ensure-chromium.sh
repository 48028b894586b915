#!/usr/bin/env bash
# Install Debian's chromium for the browser tests if it is missing (Playwright cannot download
# its own browser here). Needs root or passwordless sudo; otherwise explains what to do.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
echo "Installing chromium from Debian's packages"
if [ "$(id -u)" = "0" ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
  echo "chromium is not installed and this user cannot install it: run 'sudo apt-get install chromium'" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
chromium --version
