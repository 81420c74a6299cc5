"""The wheel: one import name, the sample KB and the tour inside, usable from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.paths import ROOT


def declared() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        setuptools: dict[str, object] = tomllib.load(file)["tool"]["setuptools"]
    return setuptools


def test_every_code_folder_is_a_declared_package() -> None:
    # The list is explicit (two folders are mapped in), so a new subpackage must be added to it.
    on_disk = {".".join(init.parent.relative_to(ROOT).parts)
               for init in (ROOT / "eventbot").rglob("__init__.py")}
    packages = set(declared()["packages"])  # type: ignore[call-overload]
    mapped = set(declared()["package-dir"])  # type: ignore[call-overload]
    assert packages == on_disk | mapped
    assert all(name == "eventbot" or name.startswith("eventbot.") for name in packages)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel and install it into a fresh venv outside the repository; return its bin."""
    tmp = tmp_path_factory.mktemp("wheel")
    env = clean_env()  # with PYTHONPATH on a checkout, pip would think eventbot installed
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "--no-build-isolation", "-w", str(tmp / "dist"), str(ROOT)],
                   check=True, capture_output=True, timeout=300, env=env)
    wheel = next((tmp / "dist").glob("eventbot-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120, env=env)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                    "install", "-q", "--no-deps", str(wheel)],
                   check=True, capture_output=True, timeout=300, env=env)
    # The dependencies come from this environment (no index needed); .pth files in a folder
    # added this way are not run, so the editable eventbot of this checkout stays out.
    site = Path(subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True, capture_output=True, text=True).stdout.strip())
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", "utf-8")
    return venv / "bin"


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}


def run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bin_dir / args[0]), *args[1:]], capture_output=True, text=True,
                          cwd=cwd, env=clean_env(), timeout=180)


def test_the_wheel_claims_one_import_name_and_ships_its_data(installed: Path) -> None:
    wheel = next(installed.parent.parent.joinpath("dist").glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    dist_info = "-".join(wheel.name.split("-")[:2]) + ".dist-info"
    assert {name.split("/")[0] for name in names} == {"eventbot", dist_info}
    assert "eventbot/knowledge/event.yaml" in names and "eventbot/tour/sample.txt" in names


def test_installed_wheel_runs_from_any_folder(installed: Path, tmp_path: Path) -> None:
    version = run(installed, "eventbot", "--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("eventbot 0"), version.stderr
    where = run(installed, "python", "-c",
                "from eventbot.bot.kb.locate import SAMPLE_KB; print(SAMPLE_KB)", cwd=tmp_path)
    sample = Path(where.stdout.strip())
    assert sample.is_relative_to(installed.parent) and ROOT not in sample.parents
    check = run(installed, "eventbot", "check", str(sample), cwd=tmp_path)
    assert check.returncode == 0 and check.stdout.startswith("OK"), check.stdout + check.stderr
    tour = run(installed, "eventbot", "demo", "--script", cwd=tmp_path)
    assert tour.returncode == 0, tour.stderr
    assert "Traceback" not in tour.stdout + tour.stderr
    # The tour asks where Halla Hall is: the shipped sample KB answered with the hall's venue.
    assert tour.stdout.count("\n> ") > 10
    asked = tour.stdout.index("> 한라홀 어디에 있어요?")
    assert "제주국제컨벤션센터" in tour.stdout[asked:asked + 200]
