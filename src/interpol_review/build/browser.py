"""Chromium for nbconvert's webpdf exporter: the browser in $CHROMIUM (e.g. Debian's /usr/bin/chromium).

nbconvert's webpdf exporter has no setting for the browser's path, and playwright's own browser cannot be
downloaded everywhere; wrapping playwright's launch for the duration of one export changes no installed
file. Without $CHROMIUM, playwright's own browser is used.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from interpol_review.core.errors import UserError

# Chromium as root in a container: no sandbox, and none of the background traffic a closed network refuses.
CHROMIUM_ARGUMENTS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    path = os.environ.get("CHROMIUM")
    if path and not Path(path).exists():
        raise UserError(f"CHROMIUM={path}: no such file. Fix: install Chromium or point CHROMIUM at its binary")
    return path


@contextmanager
def chromium_from_environment():
    path = chromium_path()
    if not path:
        yield
        return
    from playwright.async_api import BrowserType

    original = BrowserType.launch

    async def launch(self, *arguments, **options):
        options.setdefault("executable_path", path)
        return await original(self, *arguments, **options)

    BrowserType.launch = launch
    try:
        yield
    finally:
        BrowserType.launch = original
