#!/usr/bin/env bash
# Installs what the test suite needs outside Python: Chromium (browser tests), a Java runtime
# (Nu Html Checker), Node.js with npm, and the Node modules of package-lock.json (axe-core, vnu-jar;
# lighthouse for make lighthouse).
# Used by `make test` and .ci/run.
#
# On Debian/Ubuntu, as root or with sudo, it installs whatever is missing (apt-get update once,
# non-interactive). Anywhere else it stops at once with one Polish line naming what to install.
#
# Usage: scripts/setup-test-tools.sh [--dry-run]
#   --dry-run  print the commands it would run, run none of them
# Exit status: 0 everything is in place (or was installed; with --dry-run: the plan was printed),
#              1 something is missing and cannot be installed here, or an installation failed,
#              2 wrong usage.
# External commands used for the decision: `id` only (plus the tools it looks for), so a test can
# drive it with a PATH of its own.
set -eo pipefail

NPM_CI=(npm ci --ignore-scripts --no-audit --no-fund)

dry_run=0
if [ $# -gt 1 ]; then
  echo "setup-test-tools.sh: za dużo argumentów; dozwolona jest tylko opcja --dry-run" >&2
  exit 2
fi
case "${1-}" in
  "") ;;
  --dry-run) dry_run=1 ;;
  -h | --help)
    echo "Użycie: scripts/setup-test-tools.sh [--dry-run] — instaluje Chromium, Javę, Node.js i moduły Node potrzebne w testach."
    exit 0
    ;;
  *)
    # shellcheck disable=SC1111  # Polish quotation marks, on purpose
    echo "setup-test-tools.sh: nieznana opcja „$1”; dozwolona jest tylko opcja --dry-run" >&2
    exit 2
    ;;
esac

script="${BASH_SOURCE[0]}"
case "$script" in
  */*) cd "${script%/*}/.." ;;
  *) cd .. ;;
esac

has() { command -v "$1" >/dev/null 2>&1; }
# macOS ships a /usr/bin/java stub that only says "no Java runtime": ask it for its version.
java_works() { has java && java -version >/dev/null 2>&1; }
chromium_found() { has chromium || has chromium-browser; }
node_found() { has node && has npm; }

names=() apt=() brew=() winget=()
if ! chromium_found; then
  names+=("Chromium") apt+=(chromium) brew+=("brew install --cask chromium") winget+=("winget install Hibbiki.Chromium")
fi
if ! java_works; then
  names+=("Java") apt+=(default-jre-headless) brew+=("brew install openjdk") winget+=("winget install EclipseAdoptium.Temurin.21.JRE")
fi
if ! node_found; then
  names+=("Node.js z npm") apt+=(nodejs npm) brew+=("brew install node") winget+=("winget install OpenJS.NodeJS.LTS")
fi

join() { # separator, items...
  local sep="$1" out="" item
  shift
  for item in "$@"; do out="${out:+$out$sep}$item"; done
  printf '%s' "$out"
}

# How packages would be installed: "root", "sudo" or "" (not possible here).
installer=""
if [ ${#apt[@]} -gt 0 ] && has apt-get; then
  if [ "$(id -u)" = 0 ]; then
    installer=root
  elif has sudo && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
    installer=sudo
  fi
fi

if [ ${#apt[@]} -gt 0 ] && [ -z "$installer" ]; then
  echo "Brakuje narzędzi potrzebnych w testach: $(join ", " "${names[@]}"). Zainstaluj je i uruchom ponownie make test — Debian/Ubuntu: sudo apt-get install $(join " " "${apt[@]}"); macOS: $(join " && " "${brew[@]}"); Windows: $(join "; " "${winget[@]}")." >&2
  exit 1
fi

node_modules_stale() {
  [ ! -f node_modules/.installed ] || [ package-lock.json -nt node_modules/.installed ] \
    || [ package.json -nt node_modules/.installed ]
}

as_root() {
  if [ "$installer" = root ]; then
    DEBIAN_FRONTEND=noninteractive "$@"
  else
    sudo env DEBIAN_FRONTEND=noninteractive "$@"
  fi
}

plan=0
if [ ${#apt[@]} -gt 0 ]; then
  plan=1
  prefix=""
  [ "$installer" = sudo ] && prefix="sudo "
  if [ $dry_run = 1 ]; then
    echo "${prefix}apt-get update"
    echo "${prefix}apt-get install -y --no-install-recommends ${apt[*]}"
  else
    echo "Instaluję pakiety Debiana potrzebne w testach: ${apt[*]}" >&2
    if ! as_root apt-get update -qq || ! as_root apt-get install -y -qq --no-install-recommends "${apt[@]}"; then
      echo "Instalacja pakietów ${apt[*]} przez apt-get nie powiodła się (komunikat apt-get powyżej); zainstaluj je ręcznie i uruchom ponownie make test." >&2
      exit 1
    fi
    left=()
    chromium_found || left+=("Chromium (chromium)")
    java_works || left+=("Java (default-jre-headless)")
    node_found || left+=("Node.js z npm (nodejs npm)")
    if [ ${#left[@]} -gt 0 ]; then
      echo "Po instalacji nadal brakuje: $(join ", " "${left[@]}"); sprawdź, czy pakiety dodały polecenia do PATH." >&2
      exit 1
    fi
  fi
fi

if node_modules_stale; then
  plan=1
  if [ $dry_run = 1 ]; then
    echo "${NPM_CI[*]}"
  else
    echo "Instaluję moduły Node z package-lock.json (npm ci)" >&2
    if ! "${NPM_CI[@]}"; then
      echo "npm ci nie powiodło się (komunikat npm powyżej); sprawdź dostęp do rejestru npm i uruchom ponownie make test." >&2
      exit 1
    fi
    touch node_modules/.installed
  fi
fi

if [ $plan = 0 ] && [ $dry_run = 1 ]; then
  echo "Narzędzia do testów są na miejscu; nic do zainstalowania."
fi
