#!/usr/bin/env bash
# Build Candour's front-end assets into static/ (build output, not committed).
#
#   scripts/build-assets.sh          install npm packages if needed, then build
#   scripts/build-assets.sh --force  reinstall and rebuild even when up to date
#
# Steps: `npm ci` from package-lock.json (skipped when node_modules already matches the lock),
# compile scss/app.scss with sass (Arial, /static/assets/ URLs) to static/css/app.css, and copy
# the GOV.UK and MOJ ES-module bundles, images and manifest. axe-core stays in node_modules,
# where the browser-test harness (candour/testing/browser.py) reads it; it is never served.
# The build is skipped when its inputs are unchanged (a stamp records their hash) and the
# outputs exist, so running it again costs about 20 ms.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

command -v node >/dev/null || { echo "build-assets: node is required (Node 20 or later)" >&2; exit 1; }
command -v npm >/dev/null || { echo "build-assets: npm is required" >&2; exit 1; }

hash_of() { sha256sum "$@" | sha256sum | cut -c1-16; }

# 1. npm packages: reinstall only when package.json or package-lock.json changed.
LOCK_HASH=$(hash_of package.json package-lock.json)
NPM_STAMP=node_modules/.candour-lock-stamp
if [[ $FORCE == 1 || ! -f $NPM_STAMP || "$(cat "$NPM_STAMP")" != "$LOCK_HASH" ]]; then
  echo "build-assets: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$LOCK_HASH" > "$NPM_STAMP"
fi

# 2. Compile and copy: skip when the inputs (lock + our SCSS + this script) are unchanged and
#    the outputs are present.
BUILD_HASH=$(hash_of package-lock.json scripts/build-assets.sh $(find scss -type f | sort))
# Kept outside static/ so collectstatic does not publish it.
BUILD_STAMP=node_modules/.candour-static-stamp
OUTPUTS=(static/css/app.css static/js/govuk-frontend.min.js static/js/moj-frontend.min.js static/assets/manifest.json)
up_to_date=1
[[ $FORCE == 1 || ! -f $BUILD_STAMP || "$(cat "$BUILD_STAMP")" != "$BUILD_HASH" ]] && up_to_date=0
for f in "${OUTPUTS[@]}"; do [[ -f $f ]] || up_to_date=0; done
if [[ $up_to_date == 1 ]]; then
  echo "build-assets: static/ is up to date"
  exit 0
fi

GOVUK=node_modules/govuk-frontend/dist/govuk
MOJ=node_modules/@ministryofjustice/frontend/moj

# Build into a temporary folder and swap it in, so a failed build never leaves half a static/.
TMP=$(mktemp -d "$ROOT/.static-build.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/css" "$TMP/js" "$TMP/assets/images"

echo "build-assets: sass scss/app.scss -> static/css/app.css"
# MOJ Frontend 11.1.0 calls mixins that GOV.UK Frontend 6.6 deprecates (govuk-text-colour):
# warnings only, counted rather than printed. Errors are printed in full.
if ! node_modules/.bin/sass --pkg-importer=node --load-path=. --style=compressed \
    --no-source-map --quiet-deps --silence-deprecation=import \
    scss/app.scss "$TMP/css/app.css" 2>"$TMP/sass.log"; then
  cat "$TMP/sass.log" >&2
  exit 1
fi
warnings=$(grep -c '^WARNING' "$TMP/sass.log" || true)
[[ $warnings != 0 ]] && echo "build-assets: sass printed $warnings deprecation warning(s) from MOJ Frontend"
rm -f "$TMP/sass.log"

cp "$GOVUK/govuk-frontend.min.js" "$MOJ/moj-frontend.min.js" "$TMP/js/"
cp "$GOVUK"/assets/images/* "$MOJ"/assets/images/* "$TMP/assets/images/"
cp "$GOVUK/assets/manifest.json" "$TMP/assets/"

# Guard the two rules that matter for a service that is not on gov.uk.
if grep -q "GDS Transport" "$TMP/css/app.css"; then
  echo "build-assets: app.css mentions GDS Transport; the font must be Arial" >&2
  exit 1
fi
if grep -q "url(/assets/" "$TMP/css/app.css"; then
  echo "build-assets: app.css has url(/assets/...) paths; they must start /static/assets/" >&2
  exit 1
fi

rm -rf static
mv "$TMP" static
trap - EXIT
echo "$BUILD_HASH" > "$BUILD_STAMP"
echo "build-assets: built static/ ($(du -sh static | cut -f1))"
