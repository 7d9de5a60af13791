#!/usr/bin/env bash
# Chromium and chromedriver from Debian, for the board's browser test (tests/e2e/test_board_browser.py).
# Idempotent: installs only what is missing. Called by scripts/test.sh (make test); needs root or sudo.
# selenium, the Python driver, comes with the dev extras of pyproject.toml (make install).
set -euo pipefail

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -x /usr/bin/chromedriver ]] || missing+=(chromium-driver)
if [[ ${#missing[@]} == 0 ]]; then
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "browser-deps: install ${missing[*]} (Debian/Ubuntu packages) by hand: apt-get is not here" >&2
  exit 1
fi
sudo=()
if [[ $(id -u) != 0 ]]; then
  if command -v sudo >/dev/null; then
    sudo=(sudo)
  else
    echo "browser-deps: run as root (or install sudo) to apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
echo "browser-deps: installing ${missing[*]} with apt-get"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
/usr/bin/chromium --version
/usr/bin/chromedriver --version
