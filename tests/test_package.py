"""The package outside its checkout: the built wheel installed in a throwaway venv, used from another
folder; and an app built with create_app's settings (a path prefix, embedding, another dataset).

The wheel test (marked ``package``, ~25 s) builds with the hatchling of the dev requirements (no build
download) and installs with ``--no-index``: the throwaway venv sees this venv's packages through a
.pth file, so the wheel's declared dependencies must be satisfied by the pinned ones, or pip fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .fixtures import tiny_tables

ROOT = Path(__file__).resolve().parents[1]


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that would point Python or rcpdash at the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "RCPDASH_DATA", "VIRTUAL_ENV")}
    return {**env, "RCPDASH_LOG_LEVEL": "WARNING", **extra}


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 120):
    return subprocess.run(
        command, cwd=cwd, env=env or _clean_env(), capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-build-isolation",
            "--no-deps",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        cwd=out,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    [built] = out.glob("rcpdash-*.whl")
    return built


def test_the_wheel_carries_the_data_and_assets(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for csv in (ROOT / "data").glob("*.csv"):
        assert f"rcpdash/_data/{csv.name}" in names
    # The schema beside them, byte for byte (frictionless reads it from the installed package too).
    shipped = zipfile.ZipFile(wheel).read("rcpdash/_data/datapackage.json")
    assert shipped == (ROOT / "data" / "datapackage.json").read_bytes()
    for name in ("rcpdash.js", "style.css", "topojson/world_50m.json", "topojson/world_110m.json"):
        assert f"rcpdash/_assets/{name}" in names
    metadata = zipfile.ZipFile(wheel).read("rcpdash-0.1.0.dist-info/METADATA").decode()
    assert "Requires-Dist: dash<5,>=4.4.1" in metadata
    entry_points = zipfile.ZipFile(wheel).read("rcpdash-0.1.0.dist-info/entry_points.txt").decode()
    assert "rcpdash = rcpdash.cli:main" in entry_points


@pytest.mark.package
def test_installed_wheel_works_from_any_folder(wheel, tmp_path):
    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    target = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp_path
    )
    # This venv's packages (pip and the pinned dependencies) without this checkout.
    (Path(target.stdout.strip()) / "_test_dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n"
    )
    done = _run([str(python), "-m", "pip", "install", "--no-index", "-q", str(wheel)], cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    rcpdash = str(venv / "bin" / "rcpdash")
    done = _run([rcpdash, "--help"], cwd=elsewhere)
    assert done.returncode == 0 and done.stdout.startswith("usage: rcpdash [-h] [--version] COMMAND ...")
    installed = Path(target.stdout.strip()) / "rcpdash"
    done = _run([rcpdash, "check"], cwd=elsewhere)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(f"dataset in {installed / '_data'}: OK\nprocesses:    177 (")
    done = _run([rcpdash, "export", str(installed / "_data"), "--to", "report.zip"], cwd=elsewhere)
    assert done.returncode == 0 and (elsewhere / "report.zip").is_file()
    assert _run([rcpdash, "check", "nowhere"], cwd=elsewhere).returncode == 1

    probe = """
import json, rcpdash
ds = rcpdash.load()
app = rcpdash.create_app(url_base_pathname="/rcpdash/")
client = app.server.test_client()
print(json.dumps({
    "package": rcpdash.__file__,
    "processes": ds.summary()["processes"],
    "assets": app.config.assets_folder,
    "shapes": client.get("/rcpdash/assets/topojson/world_50m.json").status_code,
    "page": client.get("/rcpdash/").status_code,
}))
"""
    done = _run([str(python), "-c", probe], cwd=elsewhere)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {
        "package": str(installed / "__init__.py"),
        "processes": 177,
        "assets": str(installed / "_assets"),
        "shapes": 200,
        "page": 200,
    }


#: Run in a fresh interpreter: one Dash app per process, and this one has its own settings.
SETTINGS_PROBE = """
import json, re, sys
import rcpdash
refused = []
for folder in (sys.argv[1] + "/none", sys.argv[1] + "/empty"):
    try:
        rcpdash.create_app(folder)
    except ValueError as error:  # a DataValidationError is one
        refused.append(str(error))
app = rcpdash.create_app(sys.argv[1], url_base_pathname="/rcpdash/", frame_ancestors="https://uni.example self")
client = app.server.test_client()
page = client.get("/rcpdash/")
html = page.get_data(as_text=True)
from rcpdash.ui.views.common import graph_config
try:
    rcpdash.create_app()
    second = "built"
except RuntimeError as error:
    second = str(error)
print(json.dumps({
    "urls": sorted(set(re.findall(r'(?:src|href)="([^"]+)"', html))),
    "policy": page.headers["Content-Security-Policy"],
    "frame_options": page.headers.get("X-Frame-Options"),
    "health": client.get("/rcpdash/healthz").get_json(),
    "root": [client.get(p).status_code for p in ("/", "/healthz", "/assets/style.css")],
    "topojson": graph_config("x")["topojsonURL"],
    "second": second,
    "refused": refused,
}))
"""


def test_create_app_serves_another_dataset_under_a_prefix_and_may_be_framed(tmp_path):
    for name, content in tiny_tables().items():
        (tmp_path / name).write_bytes(content)
    (tmp_path / "empty").mkdir()
    done = _run(
        [sys.executable, "-c", SETTINGS_PROBE, str(tmp_path)], cwd=ROOT, env=_clean_env(PYTHONPATH=str(ROOT))
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["urls"] and all(url.startswith("/rcpdash/") for url in result["urls"]), result["urls"]
    assert "frame-ancestors 'self' https://uni.example" in result["policy"]
    assert result["frame_options"] is None  # X-Frame-Options cannot name origins: left out, not DENY
    assert (result["health"]["processes"], result["health"]["memberships"]) == (4, 9)
    assert result["root"] == [404, 404, 404]
    assert result["topojson"] == "/rcpdash/assets/topojson/"
    assert result["second"].startswith("rcpdash.create_app() was already called in this process")
    none, empty = result["refused"]
    assert none == f"{tmp_path / 'none'} is not a folder (expected the dataset's CSV files in it)"
    assert empty.startswith("5 problem(s) in the dataset:\n  - memberships.csv: file is missing\n")


def _pins(path: Path) -> dict[str, str]:
    """{normalised name: version} of the ``name==version`` lines of a requirements or lock file."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        requirement = line.split(";")[0].split("\\")[0].strip()
        if "==" in requirement and not requirement.startswith("#"):
            name, version = requirement.split("==")
            pins[name.strip().lower().replace("_", "-").replace(".", "-")] = version.strip()
    return pins


@pytest.mark.parametrize(
    ("wanted", "lock"),
    [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")],
)
def test_the_lock_files_pin_what_the_requirements_ask(wanted, lock):
    """`make` installs the lock files: after a change to requirements*.txt, `make lock` must be run."""
    asked, locked = _pins(ROOT / wanted), _pins(ROOT / lock)
    assert {name: locked.get(name) for name in asked} == asked
    every_line = [line for line in (ROOT / lock).read_text(encoding="utf-8").splitlines() if "==" in line]
    assert every_line and all(
        line.endswith("\\") for line in every_line
    )  # each pin is followed by its hashes
