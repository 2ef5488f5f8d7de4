"""The `rcpdash` command: each subcommand's output, files and exit code, called in-process."""

from __future__ import annotations

import io
import zipfile

import pytest

from rcpdash import cli
from rcpdash.config import DATA_DIR
from rcpdash.data import read_dataset

from .fixtures import tiny_tables
from .test_cow import COW_FILE


@pytest.fixture
def tiny_dir(tmp_path):
    folder = tmp_path / "tiny"
    folder.mkdir()
    for name, content in tiny_tables().items():
        (folder / name).write_bytes(content)
    return folder


@pytest.mark.parametrize("command", [[], ["serve"], ["check"], ["export"], ["convert-cow"]])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        cli.main([*command, "--help"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: rcpdash {' '.join(command)}".rstrip() + " ")


def test_a_wrong_command_line_exits_2_with_the_usage(capsys):
    for argv in (["nonsense"], ["export", "data"], ["serve", "--port", "eighty"], []):
        with pytest.raises(SystemExit) as done:
            cli.main(argv)
        assert done.value.code == 2, argv
        assert "usage: rcpdash" in capsys.readouterr().err


def test_check_prints_the_summary_of_the_shipped_data(capsys):
    assert cli.main(["check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"dataset in {DATA_DIR}: OK\nprocesses:    177 (")
    assert "memberships:  680\n" in out


def test_check_lists_every_problem_and_exits_1(tiny_dir, capsys):
    (tiny_dir / "states.csv").unlink()
    assert cli.main(["check", str(tiny_dir)]) == 1
    assert capsys.readouterr().out == f"1 problem(s) in {tiny_dir}:\n  - states.csv: file is missing\n"
    assert cli.main(["check", str(tiny_dir / "nowhere")]) == 1
    assert capsys.readouterr().out == f"error: {tiny_dir / 'nowhere'} is not a folder\n"


def test_export_writes_the_canonical_zip(tiny_dir, tmp_path, capsys):
    target = tmp_path / "tiny.zip"
    assert cli.main(["export", str(tiny_dir), "--to", str(target)]) == 0
    assert capsys.readouterr().out == f"wrote {target} (9 memberships, 4 processes)\n"
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    assert sorted(files) == sorted(
        [*tiny_tables(), "reference_memberships.csv", "sources.csv", "datapackage.json"]
    )
    assert read_dataset(files).summary() == read_dataset(tiny_tables()).summary()


def test_export_refuses_what_it_cannot_do(tiny_dir, tmp_path, capsys):
    assert cli.main(["export", str(tiny_dir), "--to", str(tmp_path / "out.csv")]) == 1
    assert capsys.readouterr().err == f"rcpdash: error: {tmp_path / 'out.csv'} should end in .zip\n"
    assert cli.main(["export", str(tiny_dir), "--to", str(tmp_path / "no" / "out.zip")]) == 1
    assert (
        capsys.readouterr().err
        == f"rcpdash: error: {tmp_path / 'no'} is not a folder: cannot write out.zip there\n"
    )
    (tiny_dir / "memberships.csv").write_text("process_id\n", encoding="utf-8")
    assert cli.main(["export", str(tiny_dir), "--to", str(tmp_path / "out.zip")]) == 1
    assert "memberships.csv" in capsys.readouterr().err
    assert not (tmp_path / "out.zip").exists()


def test_convert_cow_to_a_folder_and_to_a_zip(tmp_path, capsys, monkeypatch):
    source = tmp_path / "state_year_formatv3.csv"
    source.write_bytes(COW_FILE)
    assert cli.main(["convert-cow", str(source), "--to", str(tmp_path / "cow")]) == 0
    expected = "2 organizations, 4 states, 7 membership spells (0 left out: outside the years shown)\n"
    assert capsys.readouterr().out == f"wrote {tmp_path / 'cow'}: {expected}"
    assert read_dataset(tmp_path / "cow").summary()["memberships"] == 7
    # The default target: the file's name + -dataset.zip, in the current folder.
    monkeypatch.chdir(tmp_path)
    assert cli.main(["convert-cow", str(source)]) == 0
    assert capsys.readouterr().out == f"wrote state_year_formatv3-dataset.zip: {expected}"
    with zipfile.ZipFile(tmp_path / "state_year_formatv3-dataset.zip") as archive:
        assert read_dataset({n: archive.read(n) for n in archive.namelist()}).summary()["memberships"] == 7
    # A folder with files in it is never overwritten.
    assert cli.main(["convert-cow", str(source), "--to", str(tmp_path / "cow")]) == 1
    assert "exists and is not an empty folder" in capsys.readouterr().err


def test_convert_cow_reports_a_wrong_file(tmp_path, capsys):
    source = tmp_path / "notes.csv"
    source.write_text("name,value\na,1\n", encoding="utf-8")
    assert cli.main(["convert-cow", str(source), "--to", str(tmp_path / "x.zip")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"4 problem(s) in {source}:\n")
    assert "expected column 1 to be 'ccode'; got 'name'" in err
    assert cli.main(["convert-cow", str(tmp_path / "missing.csv")]) == 1
    assert capsys.readouterr().err == f"rcpdash: error: {tmp_path / 'missing.csv'} is not a file\n"


def test_serve_hands_over_to_gunicorn_with_make_serves_settings(tiny_dir, monkeypatch):
    calls = []
    monkeypatch.setattr(cli.os, "execve", lambda path, argv, env: calls.append((path, argv, env)))
    argv = ["serve", "--data", str(tiny_dir), "--port", "9001", "--prefix", "rcpdash", "--workers", "1"]
    assert cli.main([*argv, "--frame-ancestors", "https://uni.example"]) == 0
    [(_path, command, env)] = calls
    assert command[1:] == [
        "-m", "gunicorn", "--config", "python:rcpdash.gunicorn_conf", "--bind", "127.0.0.1:9001",
        "--workers", "1", "rcpdash.wsgi:server",
    ]  # fmt: skip
    assert env["RCPDASH_DATA"] == str(tiny_dir.resolve())
    assert env["DASH_URL_BASE_PATHNAME"] == "/rcpdash/"
    assert env["RCPDASH_FRAME_ANCESTORS"] == "https://uni.example"
    assert env["OPENBLAS_NUM_THREADS"] == "1"


def test_serve_refuses_bad_data_or_settings_before_starting(tiny_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cli.os, "execve", lambda *args: pytest.fail("gunicorn started"))
    assert cli.main(["serve", "--data", str(tmp_path / "none")]) == 1
    assert "is not a folder" in capsys.readouterr().err
    (tiny_dir / "states.csv").unlink()
    assert cli.main(["serve", "--data", str(tiny_dir)]) == 1
    assert capsys.readouterr().err == (
        f"rcpdash: error: the dataset in {tiny_dir} has problems: run `rcpdash check {tiny_dir}` to list them\n"
    )
    assert cli.main(["serve", "--frame-ancestors", "https://uni.example/page"]) == 1
    assert "'https://uni.example/page' is not an origin" in capsys.readouterr().err
