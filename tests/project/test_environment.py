"""The three lists of dependencies agree: requirements.in (pinned, what our machines install),
pyproject.toml (ranges, what `pip install .` needs) and environment.yml (conda-forge names, same pins)."""

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
# PyPI name -> conda-forge name, for every package of requirements.in that conda installs. Written out in
# full: a package added to requirements.in without a line here fails the test instead of being skipped.
CONDA_NAMES = {
    "ipykernel": "ipykernel",
    "jinja2": "jinja2",
    "jupyter-client": "jupyter_client",
    "matplotlib": "matplotlib-base",
    "nbconvert": "nbconvert",
    "nbformat": "nbformat",
    "numpy": "numpy",
    "pandas": "pandas",
    "pandera": "pandera",
    "papermill": "papermill",
    "pyyaml": "pyyaml",
    "scipy": "scipy",
    "seaborn": "seaborn",
    "statsmodels": "statsmodels",
    "traitlets": "traitlets",
    "filelock": "filelock",
    "hypothesis": "hypothesis",
    "jsonschema": "jsonschema",
    "pytest": "pytest",
    "pytest-xdist": "pytest-xdist",
    "import-linter": "import-linter",
    "jupyterlab": "jupyterlab",
    "nbstripout": "nbstripout",
    "ruff": "ruff",
}
# From PyPI through environment.yml's pip section (not on conda-forge, or lagging there): same pins.
CONDA_PIP_SECTION = {"playwright", "axe-playwright-python"}
# conda-only entries: the interpreter, conda's pip, and a program pip cannot install.
CONDA_ONLY = {"python", "pip", "pandoc"}


def requirements_in() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.in").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            requirement = Requirement(line)
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", f"requirements.in: '{line}' is not pinned as name==version"
            pins[requirement.name.lower()] = specifier.version
    return pins


def environment() -> tuple[dict[str, str], dict[str, str], list[str]]:
    document = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert document["channels"] == ["conda-forge"]
    conda, pip_pins, pip_other = {}, {}, []
    for entry in document["dependencies"]:
        if isinstance(entry, dict):
            for line in entry["pip"]:
                if line.startswith("-"):
                    pip_other.append(line)
                else:
                    name, _, version = line.partition("==")
                    pip_pins[name.lower()] = version
            continue
        name, _, version = entry.partition("=")
        conda[name.lower()] = version
    return conda, pip_pins, pip_other


def test_every_requirement_is_mapped_to_conda_or_its_pip_section():
    unmapped = set(requirements_in()) - set(CONDA_NAMES) - CONDA_PIP_SECTION
    assert not unmapped, f"add these to CONDA_NAMES or CONDA_PIP_SECTION: {sorted(unmapped)}"


def test_conda_pins_the_same_versions_under_conda_forge_names():
    pins = requirements_in()
    conda, pip_pins, _ = environment()
    expected = {CONDA_NAMES[name]: version for name, version in pins.items() if name in CONDA_NAMES}
    assert {name: version for name, version in conda.items() if name not in CONDA_ONLY} == expected
    assert pip_pins == {name: pins[name] for name in CONDA_PIP_SECTION}


def test_conda_uses_the_supported_python_and_installs_the_package_itself():
    conda, _, pip_other = environment()
    assert conda["python"] == "3.11"
    assert pip_other == ["-e ."]


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_pyproject_declares_every_pinned_package_with_a_range_that_admits_the_pin():
    project = pyproject()["project"]
    declared = [Requirement(text) for text in project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        declared += [Requirement(text) for text in extra]
    ranges = {}
    for requirement in declared:
        ranges.setdefault(requirement.name.lower(), []).append(requirement.specifier)
    pins = requirements_in()
    assert set(ranges) == set(pins), set(ranges) ^ set(pins)
    for name, specifiers in ranges.items():
        for specifier in specifiers:
            assert Version(pins[name]) in specifier, f"{name}=={pins[name]} is outside {specifier}"


def imported_distributions() -> set[str]:
    """The installed distributions whose modules src/ imports (standard library and the package excluded)."""
    modules = set()
    for path in (ROOT / "src").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    modules -= set(sys.stdlib_module_names) | {"interpol_review"}
    owners = metadata.packages_distributions()
    return {canonicalize_name(owners[module][0]) for module in modules}


def test_every_imported_package_is_a_declared_runtime_dependency():
    project = pyproject()["project"]
    runtime = {canonicalize_name(Requirement(text).name) for text in project["dependencies"]}
    webpdf = {canonicalize_name(Requirement(text).name) for text in project["optional-dependencies"]["webpdf"]}
    # playwright is imported only for PDF_ENGINE=webpdf, which needs the webpdf extra.
    assert imported_distributions() - runtime <= webpdf


def test_requirements_txt_locks_every_pin_of_requirements_in():
    locked = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)(\[[^\]]*\])?==(\S+)", line.strip())
        if match:
            locked[match.group(1).lower()] = match.group(3)
    for name, version in requirements_in().items():
        assert locked.get(name) == version, (
            f"requirements.txt has {name}=={locked.get(name)}, requirements.in {version}"
        )
