#!/usr/bin/env bash
# Browser tests and the demo drive Debian's Chromium (Playwright's own browser
# downloads cannot work here). Installs it, with CJK fonts and poppler-utils
# (pdftotext reads the printed dashboard), when missing.
set -euo pipefail
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'noto.*cjk' && command -v pdftotext >/dev/null; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "PlanMeter needs Debian's chromium and fonts-noto-cjk: run 'sudo apt-get install -y chromium fonts-noto-cjk poppler-utils'" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-noto-cjk poppler-utils >/dev/null
