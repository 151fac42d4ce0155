#!/usr/bin/env bash
# The browser tests (BrowserCorsIT) drive a real headless Chromium. Installs Debian's package when no
# Chromium is on the PATH; prints where it is. Needs root or password-less sudo to install.
set -euo pipefail
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then
    echo "Chromium for the browser tests: $(command -v "$candidate")"
    exit 0
  fi
done
echo "Chromium for the browser tests: installing Debian's chromium package (once per machine)"
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo -n"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "Chromium for the browser tests: $(command -v chromium)"
