#!/usr/bin/env bash
# Install the system programs the build needs, where they are missing: a Python with venv, and for PDFs
# through LaTeX pandoc and xelatex; pdftotext and pdfinfo for the tests. On Debian or Ubuntu as root this
# uses apt-get; elsewhere it prints what to install and fails, so `make` stops with that message.
set -euo pipefail

missing_commands() {
  local wanted=(pandoc xelatex pdftotext pdfinfo)
  # Chromium renders PDF_ENGINE=webpdf and lets the tests open the HTML report in a real browser.
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || echo chromium
  for program in "${wanted[@]}"; do command -v "$program" >/dev/null 2>&1 || echo "$program"; done
  python3 -c 'import ensurepip, venv' 2>/dev/null || echo "python3-venv"
}

missing=$(missing_commands)
if [ -z "$missing" ]; then
  exit 0
fi
echo "setup: missing: $(echo $missing | tr '\n' ' ')"

debian_packages=(python3-venv pandoc texlive-xetex texlive-fonts-recommended texlive-plain-generic poppler-utils chromium)
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "setup: installing ${debian_packages[*]} with apt-get (a few minutes, once)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${debian_packages[@]}" >/dev/null
  still=$(missing_commands)
  if [ -n "$still" ]; then echo "setup: still missing after apt-get: $still" >&2; exit 1; fi
  exit 0
fi

cat >&2 <<TXT
setup: please install these programs, then run make again:
  Debian/Ubuntu (as root):  apt-get install ${debian_packages[*]}
  Fedora:                   dnf install python3 pandoc texlive-xetex texlive-collection-fontsrecommended texlive-collection-plaingeneric poppler-utils chromium
  macOS (Homebrew):         brew install pandoc poppler && brew install --cask mactex-no-gui chromium
TXT
exit 1
