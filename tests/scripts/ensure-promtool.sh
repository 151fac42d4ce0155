#!/usr/bin/env bash
# MetricsFormatIT checks /metrics with Prometheus's own linter, promtool. Installs Debian's prometheus
# package (which ships promtool) when promtool is not on the PATH; prints where it is. Needs root or
# password-less sudo to install. The package's server is not started by the tests.
set -euo pipefail
if command -v promtool >/dev/null 2>&1; then
  echo "promtool for the metrics test: $(command -v promtool)"
  exit 0
fi
echo "promtool for the metrics test: installing Debian's prometheus package (once per machine)"
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo -n"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends prometheus >/dev/null
echo "promtool for the metrics test: $(command -v promtool)"
