"""Text from a params file reaches the reader as text: escaped in the HTML (no markup, no script) and in
LaTeX (the PDF builds, and its title says exactly what was written)."""

from __future__ import annotations

import subprocess

import pytest
from helpers import cli, project_copy

TITLE = "<script>alert(1)</script> 50% & $x_1$ {braces} #1 ~ ^ \\\\ <b>bold</b>"


@pytest.mark.slow  # a build or a kernel of its own: `make test-slow`
def test_markup_and_latex_in_a_title_are_shown_as_written(tmp_path):
    copy = project_copy(tmp_path / "project")
    (copy / "params" / "odd.yaml").write_text(
        f"title: '{TITLE}'\nsubtitle: '<img src=x onerror=alert(2)>'\ndescription: '<i>d</i>'\n", encoding="utf-8"
    )
    out = tmp_path / "reports"
    result = cli("build", "--variant", "odd", "--chapters", "01", "--reports-dir", str(out), root=copy)
    assert result.returncode == 0, result.stderr + result.stdout
    page = (out / "odd" / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "<b>bold</b>" not in page
    info = subprocess.run(["pdfinfo", str(out / "odd" / "report.pdf")], capture_output=True, text=True).stdout
    assert "Title:" in info and "<script>alert(1)</script> 50% & $x_1$" in info
    index = cli("index", "--reports-dir", str(out), root=copy)
    assert index.returncode == 0
    front = (out / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in front and "<i>d</i>" not in front
