"""The build does not compile rfc3987_syntax's IRI grammar (a second at every build) and nbformat still
validates notebooks in its process."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
import interpol_review.build.variant, nbformat
print(sys.modules.get("rfc3987_syntax") is None)
notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
nbformat.validate(notebook)
notebook.cells[0]["cell_type"] = "not a cell type"
try:
    nbformat.validate(notebook)
    print("accepted")
except nbformat.ValidationError:
    print("refused")
"""


def test_the_build_skips_the_iri_grammar_and_still_validates_notebooks():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "refused"]
