"""Same inputs, same bytes: a serial build from nothing (no cached analysis, chapter, figure or LaTeX
reference) and a parallel build from the session's cache (the chapters and figures the shared build left)
that typesets from the cross-references the first one kept give exactly the same files, PDF included."""

from __future__ import annotations

import shutil

import pytest
from helpers import cli, folder_bytes, project_copy


@pytest.mark.slow  # a build or a kernel of its own: `make test-slow`
def test_serial_from_nothing_and_parallel_from_the_cache_give_the_same_bytes(tmp_path, reports):
    alone = project_copy(tmp_path / "alone", shared_cache=False)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    first = cli("build", "--variant", "latest", "--jobs", "1", "--reports-dir", str(serial), root=alone)
    assert first.returncode == 0, first.stderr + first.stdout
    assert "latest: chapter 1/8" in first.stdout  # executed, not reused
    shared = project_copy(tmp_path / "shared")  # the cache the session's build (`reports`) filled
    references = alone / "build" / "reports" / "latest" / "latex-references"
    assert (references / "report.toc").exists()
    shutil.copytree(references, shared / "build" / "reports" / "latest" / "latex-references")  # xelatex runs once
    second = cli(
        "build",
        "--force",
        "--jobs",
        "2",
        "--reports-dir",
        str(parallel),
        "params/latest.yaml",
        "params/sensitivity.yaml",
        root=shared,
    )
    assert second.returncode == 0, second.stderr + second.stdout
    assert "latest: chapters unchanged: outputs reused" in second.stdout
    fresh, reused = folder_bytes(serial / "latest"), folder_bytes(parallel / "latest")
    assert fresh.keys() == reused.keys() and len(fresh) > 10
    assert [name for name in fresh if fresh[name] != reused[name]] == []
