"""environment.yml (conda users) and requirements.in (pip, our machines) must list the same packages."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
# conda-forge spells a few packages differently from PyPI, and carries extras as plain packages.
CONDA_NAMES = {"nbconvert[webpdf]": "nbconvert"}
# Listed for conda only: programs pip cannot install, and conda's own plumbing.
CONDA_ONLY = {"python", "pip", "pandoc"}


def pinned_requirements() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.in").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            match = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)==([^\s]+)", line)
            assert match, f"requirements.in: '{line}' is not pinned as name==version"
            name, version = match.groups()
            pins[CONDA_NAMES.get(name.lower(), name.lower())] = version
    return pins


def conda_dependencies() -> tuple[dict[str, str], list]:
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert environment["channels"] == ["conda-forge"]
    pins, pip_section = {}, []
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):
            pip_section = entry["pip"]
            continue
        name, _, version = entry.partition("=")
        pins[name.lower()] = version
    return pins, pip_section


def test_conda_and_pip_list_the_same_packages_at_the_same_versions():
    conda, _ = conda_dependencies()
    conda_packages = {name: version for name, version in conda.items() if name not in CONDA_ONLY}
    assert conda_packages == pinned_requirements()


def test_conda_environment_uses_the_python_the_project_supports():
    conda, _ = conda_dependencies()
    assert conda["python"] == "3.11"


def test_conda_installs_the_package_itself_from_the_pip_section():
    _, pip_section = conda_dependencies()
    assert pip_section == ["-e ."]


def test_requirements_txt_pins_every_top_level_package_at_its_requirements_in_version():
    locked = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)(\[[^\]]*\])?==(\S+)", line.strip())
        if match:
            locked[match.group(1).lower()] = match.group(3)
    for name, version in pinned_requirements().items():
        assert locked.get(name) == version, (
            f"requirements.txt has {name}=={locked.get(name)}, requirements.in {version}"
        )
