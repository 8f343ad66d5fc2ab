"""The build: checks, execution of the chapters, rendering, publishing.

nbformat imports jsonschema, and jsonschema imports rfc3987_syntax when it is installed (jupyter-events,
for JupyterLab, installs it), which compiles a grammar for IRIs at import: one second of every build and
preview, for a format check that neither nbformat's schema nor the build ever asks for. Marked absent
here, before anything under build/ imports nbformat, jsonschema checks every other format as before.
"""

import sys

sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]
