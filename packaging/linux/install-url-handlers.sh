#!/bin/sh
# Register WhitePhone as the handler of tel:, sip:, sips: and callto: links for the current user.
# Clicking such a link runs `whitephone call URI`; a running WhitePhone receives the URI and dials.
set -eu
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$apps"
cp "$(dirname "$0")/whitephone.desktop" "$apps/whitephone.desktop"
update-desktop-database "$apps" 2>/dev/null || true
for scheme in tel sip sips callto; do
  xdg-mime default whitephone.desktop "x-scheme-handler/$scheme"
done
echo "WhitePhone now opens tel:, sip:, sips: and callto: links."
