#!/usr/bin/env bash
# Some integration tests use a program from Debian's packages: headless Chromium (the browser tests),
# promtool (the metrics check, in the prometheus package). Installs the package when none of the
# commands is on the PATH; prints where the program is. Needs root or password-less sudo to install.
# Usage: ensure-package.sh <what it is for> <package> <command> [<other command name>...]
set -euo pipefail
purpose=$1 package=$2
shift 2
found() {
  for candidate in "$@"; do
    if command -v "$candidate" >/dev/null 2>&1; then
      echo "$purpose: $(command -v "$candidate")"
      return 0
    fi
  done
  return 1
}
found "$@" && exit 0
echo "$purpose: installing Debian's $package package (once per machine)"
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo -n"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "$package" >/dev/null
found "$@"
