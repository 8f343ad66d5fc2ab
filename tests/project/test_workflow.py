"""The conventions researchers expect: a package that installs and runs, Jupyter that starts as root, git
that stores notebooks without outputs and the ledger byte for byte, and a citation file that validates."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jsonschema
import nbformat
import pytest
import yaml
from helpers import ROOT

NBSTRIPOUT_OPTIONS = ["--keep-id", "--extra-keys", "metadata.language_info"]


def test_citation_file_is_valid_cff_and_names_this_version():
    schema = json.loads((Path(__file__).parent / "schemas" / "citation-file-format-1.2.0.json").read_text())
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    citation["date-released"] = str(citation["date-released"])  # YAML reads an unquoted date as a date
    jsonschema.validate(citation, schema)
    from interpol_review import __version__

    assert citation["version"] == __version__


def test_a_chapter_saved_by_jupyterlab_is_stored_as_committed(tmp_path):
    """What Lab writes (outputs, execution counts, language_info) is stripped by the git filter to the very
    bytes committed: opening and saving a chapter leaves no diff."""
    chapter = ROOT / "notebooks" / "05-limits.ipynb"
    notebook = nbformat.read(chapter, as_version=4)
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            cell.execution_count = number
            cell.outputs = [nbformat.v4.new_output("stream", text="output\n")]
    notebook.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    saved = tmp_path / chapter.name
    nbformat.write(notebook, saved)
    nbstripout = Path(sys.executable).parent / "nbstripout"
    subprocess.run([str(nbstripout), *NBSTRIPOUT_OPTIONS, str(saved)], check=True)
    assert saved.read_bytes() == chapter.read_bytes()


def test_the_makefile_configures_the_same_nbstripout_options():
    makefile = (ROOT / "Makefile").read_text()
    assert 'NBSTRIPOUT_OPTIONS := --keep-id --extra-keys "metadata.language_info"' in makefile


def test_a_clone_with_autocrlf_keeps_the_ledger_byte_for_byte(tmp_path):
    """On Windows git turns LF into CRLF unless told not to; .gitattributes tells it not to for data/raw."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    clone = tmp_path / "clone"
    subprocess.run(["git", "-c", "core.autocrlf=true", "clone", "-q", str(ROOT), str(clone)], check=True)
    committed = subprocess.run(["git", "ls-files", "data/raw"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    for name in committed:
        expected = subprocess.run(["git", "show", f"HEAD:{name}"], cwd=ROOT, capture_output=True).stdout
        assert (clone / name).read_bytes() == expected, name


def test_a_clone_with_autocrlf_keeps_what_make_and_bash_read_with_unix_line_endings(tmp_path):
    """`git clone -c core.autocrlf=true`, then make: the Makefile, the scripts, the params files, the
    package and the chapters arrive with LF (.gitattributes: text eol=lf), and make and bash read them."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    clone = tmp_path / "clone"
    subprocess.run(["git", "-c", "core.autocrlf=true", "clone", "-q", str(ROOT), str(clone)], check=True)
    read = [clone / "Makefile", clone / ".ci" / "run", *clone.glob("scripts/*"), *clone.glob("params/*.yaml")]
    read += [*clone.glob("src/**/*.py"), *clone.glob("notebooks/*.ipynb"), *clone.glob("src/**/*.j2")]
    with_cr = [str(path.relative_to(clone)) for path in read if b"\r" in path.read_bytes()]
    assert with_cr == [], with_cr
    parsed = subprocess.run(
        ["make", "-n", "report", "SYSTEM=skip", f"VENV={ROOT / '.venv'}"], cwd=clone, capture_output=True, text=True
    )
    assert parsed.returncode == 0 and "interpol_review build" in parsed.stdout, parsed.stderr
    for script in clone.glob("scripts/*.sh"):
        assert subprocess.run(["bash", "-n", str(script)]).returncode == 0, script


def test_the_package_builds_as_a_wheel_with_its_templates_and_runs_from_it(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("interpol_review-*.whl"))
    site = tmp_path / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr
    for template in ("index.html.j2", "lab/interpol-report.html.j2", "latex/interpol-report.tex.j2"):
        assert (site / "interpol_review" / "build" / "templates" / template).exists(), template
    environment = {**os.environ, "PYTHONPATH": str(site)}
    environment.pop("INTERPOL_REVIEW_ROOT", None)
    where = subprocess.run(
        [sys.executable, "-c", "import interpol_review; print(interpol_review.__file__)"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
    )
    assert where.stdout.startswith(str(site))  # the wheel's copy, not the checkout's
    result = subprocess.run(
        [sys.executable, "-m", "interpol_review", "--help"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
    )
    assert result.returncode == 0 and "build" in result.stdout and "checksums" in result.stdout


@pytest.mark.slow
def test_pip_install_into_a_fresh_venv_then_the_command_line_answers(tmp_path):
    """The researcher's way in without make: a new virtual environment, `pip install .` with its
    dependencies resolved from pyproject.toml's ranges, then `python -m interpol_review --help` from
    elsewhere. Through uv's pip interface where the set-up installed uv (the same resolution of the same
    ranges and the same build of the package, from uv's cache in seconds rather than pip's minute)."""
    fresh = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(fresh)], check=True)
    uv = Path(sys.executable).parent / "uv"
    if uv.exists():
        install = [str(uv), "pip", "install", "--python", str(fresh / "bin" / "python")]
    else:
        install = [str(fresh / "bin" / "pip"), "install", "--disable-pip-version-check"]
    installed = subprocess.run([*install, "-q", str(ROOT)], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr[-2000:]
    environment = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "INTERPOL_REVIEW_ROOT")}
    result = subprocess.run(
        [str(fresh / "bin" / "python"), "-m", "interpol_review", "--help"],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "build" in result.stdout and "checksums" in result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_make_lab_starts_jupyterlab_as_root_on_localhost():
    port = free_port()
    lab = subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "lab",
            f"VENV={Path(sys.executable).parents[1]}",
            "SETUP_DONE=",
            f"LAB_ARGS=--port {port} --ServerApp.token=test",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token=test", timeout=2) as answer:
                    assert answer.status == 200
                    break
            except OSError:
                assert lab.poll() is None, lab.stderr.read()
                assert time.monotonic() < deadline, "JupyterLab did not answer within 60 s"
                time.sleep(0.5)
    finally:
        os.killpg(lab.pid, 15)
        lab.wait(timeout=30)


@pytest.mark.parametrize(
    ("options", "build", "workers"),
    [
        ([], "build --all --pdf-engine", f"-n {len(os.sched_getaffinity(0))} "),  # the build decides; a worker per core
        (["-j3"], "build --all --jobs 3 --pdf-engine", "-n 3 "),
        (["JOBS=1"], "build --all --jobs 1 --pdf-engine", "-n 1 "),
    ],
)
def test_make_passes_its_jobs_to_the_build_and_the_tests(options, build, workers):
    """make's -jN is seen only when recipes expand (GNU make 4.3 keeps it out of MAKEFLAGS while parsing)."""

    def dry_run(target: str) -> str:
        command = ["make", "--no-print-directory", "-n", target, "SYSTEM=skip", *options]
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout

    assert build in " ".join(dry_run("report").split())
    assert workers in dry_run("test")


@pytest.mark.parametrize("module", ["pandas.core.frame", "scipy.stats._stats_py", "statsmodels.api", "nbconvert"])
def test_the_set_up_leaves_the_packages_bytecode_compiled(module):
    """Where PYTHONDONTWRITEBYTECODE is set, Python never writes bytecode, and without it in the venv every
    build, kernel and test worker compiled the libraries again (3 s a kernel): `make setup` asks uv for it."""
    import importlib
    import importlib.util

    source = importlib.import_module(module).__file__
    compiled = Path(importlib.util.cache_from_source(source))
    assert compiled.exists(), f"{compiled} is missing. Fix: `touch requirements.txt && make setup` compiles the venv"
