"""Bring your own data: read an upload, check its limits, load it with the same validating loader.

Accepted (one upload, one or several files):

- the dataset's CSV files themselves (``processes.csv``, ``states.csv``, …, as in ``data/``);
- a ``.zip`` holding them (folders inside the zip are ignored), such as the app's own dataset download;
  its ``datapackage.json`` (the schema, :mod:`rcpdash.datapackage`) is accepted and set aside: the
  loader checks the tables against its own schema, which that descriptor only describes;
- a Correlates of War IGO state-year file (``state_year_formatv3.csv`` or any name; recognised by its
  ``ccode, year, state`` header), alone or zipped: converted by :mod:`rcpdash.cow`, then validated.

Nothing is half-loaded: :func:`load_upload` returns a dataset or every problem, never both. The
dataset then lives in the user's session as :func:`session_record` (a small zip of the validated
tables and its fingerprint); the server keeps parsed datasets in a bounded cache by fingerprint
(:func:`rcpdash.datasets.keep`) and rebuilds one from the session record when it has forgotten it
(:func:`restore`). Pure: no Dash.
"""

from __future__ import annotations

import base64
import binascii
import io
import zipfile
from dataclasses import dataclass

from . import cow, datapackage, datasets
from .data import SCHEMAS, Dataset, ValidationIssue, dataset_files, validate_tables
from .i18n import N_, _

#: Largest upload, all files together (the server refuses requests over 8 MB, and the browser sends
#: files base64-encoded: 4/3 of their size).
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: Largest total size of the files inside a zip (a zip bomb stops here).
MAX_UNZIPPED_BYTES = 40 * 1024 * 1024
#: Most data rows in any one file (a Correlates of War state-year file has ~15,000).
MAX_ROWS = 100_000
#: Most files in one upload or zip.
MAX_FILES = 20
#: Largest session record (what the browser keeps and sends back with each request).
MAX_SESSION_BYTES = 4 * 1024 * 1024

SCHEMA_FILES = tuple(schema.file for schema in SCHEMAS.values())
_UPLOAD = N_("upload")  # the "file" of problems with the upload as a whole


@dataclass(frozen=True)
class Loaded:
    """A validated upload: the dataset, a name to show, the session record, and spells left out."""

    dataset: Dataset
    name: str
    record: dict
    left_out: int = 0


def _mb(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


def decode_contents(
    contents: list[str], filenames: list[str]
) -> tuple[dict[str, bytes], list[ValidationIssue]]:
    """dcc.Upload's ``data:…;base64,…`` strings to {file name: bytes}, with the size limits."""
    files: dict[str, bytes] = {}
    issues: list[ValidationIssue] = []
    if len(contents) > MAX_FILES:
        return {}, [
            ValidationIssue(_(_UPLOAD), None, None, _("expected at most {n} files").format(n=MAX_FILES))
        ]
    if len(filenames) != len(contents) or not all(isinstance(c, str | None) for c in contents):
        # The upload component always sends one name per file: these lists were not made by it.
        return {}, [ValidationIssue(_(_UPLOAD), None, None, _("could not be read (not a file upload)"))]
    for name, content in zip(filenames, contents, strict=True):
        name = (name or "").replace("\\", "/").rsplit("/", 1)[-1] or "file"
        try:
            data = base64.b64decode((content or "").partition(",")[2], validate=True)
        except (binascii.Error, ValueError):
            issues.append(ValidationIssue(name, None, None, _("could not be read (not a file upload)")))
            continue
        if name in files:
            issues.append(ValidationIssue(name, None, None, _("was chosen twice")))
        files[name] = data
    total = sum(len(b) for b in files.values())
    if total > MAX_UPLOAD_BYTES:
        issues.append(
            ValidationIssue(
                _(_UPLOAD),
                None,
                None,
                _("is {size:.1f} MB; the limit is {limit} (zip large files)").format(
                    size=total / 1024 / 1024, limit=_mb(MAX_UPLOAD_BYTES)
                ),
            )
        )
    return files, issues


def _unzip(name: str, data: bytes) -> tuple[dict[str, bytes], list[ValidationIssue]]:
    """The files inside a zip (folders flattened, system files skipped), with the zip limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = [
            i
            for i in archive.infolist()
            if not i.is_dir()
            and "__MACOSX" not in i.filename
            and not i.filename.rsplit("/", 1)[-1].startswith(".")
        ]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return {}, [ValidationIssue(name, None, None, _("is not a valid zip archive"))]
    if len(entries) > MAX_FILES:
        return {}, [ValidationIssue(name, None, None, _("expected at most {n} files").format(n=MAX_FILES))]
    if sum(i.file_size for i in entries) > MAX_UNZIPPED_BYTES:
        return {}, [
            ValidationIssue(
                name, None, None, _("unpacks to more than {limit}").format(limit=_mb(MAX_UNZIPPED_BYTES))
            )
        ]
    files: dict[str, bytes] = {}
    issues: list[ValidationIssue] = []
    budget = MAX_UNZIPPED_BYTES
    for info in entries:
        inner = info.filename.rsplit("/", 1)[-1]
        where = f"{name}/{inner}"
        try:
            with archive.open(info) as f:
                content = f.read(budget + 1)  # never trust the sizes a zip declares
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError):
            issues.append(
                ValidationIssue(where, None, None, _("could not be unpacked (damaged or encrypted)"))
            )
            continue
        budget -= len(content)
        if budget < 0:
            return {}, [
                ValidationIssue(
                    name, None, None, _("unpacks to more than {limit}").format(limit=_mb(MAX_UNZIPPED_BYTES))
                )
            ]
        if inner in files:
            issues.append(ValidationIssue(where, None, None, _("is in the zip twice")))
        files[inner] = content
    return files, issues


def _header(content: bytes) -> list[str]:
    first = content.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace").strip("\r")
    return [h.strip() for h in first.split(",")]


def _check_files(files: dict[str, bytes]) -> list[ValidationIssue]:
    """Empty files, row limits, and names that are neither schema files nor a CoW file."""
    issues = []
    for name, content in files.items():
        if not content.strip(b"\xef\xbb\xbf \r\n\t"):
            issues.append(ValidationIssue(name, None, None, _("is empty")))
        elif content.count(b"\n") > MAX_ROWS + 1:
            issues.append(
                ValidationIssue(
                    name,
                    None,
                    None,
                    _("has more than {limit} rows; the limit is {limit} rows per file").format(
                        limit=f"{MAX_ROWS:,}"
                    ),
                )
            )
        elif name not in SCHEMA_FILES and not cow.is_cow_header(_header(content)):
            issues.append(
                ValidationIssue(
                    name,
                    None,
                    None,
                    _(
                        "unknown file: expected {files}, a zip of them, or a Correlates of War IGO "
                        "state-year file (columns ccode, year, state, then one per organization)"
                    ).format(files=", ".join(SCHEMA_FILES)),
                )
            )
    return sorted(issues)


def expand(files: dict[str, bytes]) -> tuple[dict[str, bytes], list[ValidationIssue]]:
    """Uploaded files with every zip replaced by what it holds."""
    out: dict[str, bytes] = {}
    issues: list[ValidationIssue] = []
    for name, content in files.items():
        if name.lower().endswith(".zip") or content[:4] == b"PK\x03\x04":
            inner, problems = _unzip(name, content)
            issues += problems
            for inner_name, inner_content in inner.items():
                if inner_name in out:
                    issues.append(ValidationIssue(inner_name, None, None, _("was uploaded twice")))
                out[inner_name] = inner_content
        else:
            if name in out:
                issues.append(ValidationIssue(name, None, None, _("was uploaded twice")))
            out[name] = content
    return out, issues


def load_upload(files: dict[str, bytes], name: str) -> tuple[Loaded | None, list[ValidationIssue]]:
    """Validate uploaded files (after :func:`decode_contents`): a dataset, or every problem."""
    files, issues = expand(files)
    if issues:
        return None, issues
    files.pop(datapackage.FILE_NAME, None)
    if not files:
        return None, [ValidationIssue(_(_UPLOAD), None, None, _("holds no files"))]
    issues = _check_files(files)
    if issues:
        return None, issues
    left_out = 0
    cow_files = [n for n in files if n not in SCHEMA_FILES]
    if cow_files:
        if len(files) > 1:
            listed = ", ".join(sorted(files))
            return None, [
                ValidationIssue(
                    _(_UPLOAD),
                    None,
                    None,
                    _(
                        "expected one Correlates of War file on its own, or the dataset's CSV files; got {files}"
                    ).format(files=listed),
                )
            ]
        tables, issues, left_out = cow.convert(cow_files[0], files[cow_files[0]])
        if tables is None:
            return None, issues
    else:
        tables = files
    dataset, issues = validate_tables(tables)
    if dataset is None:
        return None, issues
    rows = {t: len(getattr(dataset, t)) for t in SCHEMAS}
    too_many = [t for t, n in rows.items() if n > MAX_ROWS]
    if too_many:
        return None, [
            ValidationIssue(
                SCHEMAS[t].file,
                None,
                None,
                _("has {n} rows; the limit is {limit} rows per file").format(
                    n=f"{rows[t]:,}", limit=f"{MAX_ROWS:,}"
                ),
            )
            for t in too_many
        ]
    record = session_record(tables, dataset, name)
    if len(record["tables"]) > MAX_SESSION_BYTES:
        return None, [
            ValidationIssue(
                _(_UPLOAD),
                None,
                None,
                _("is too large to keep in your browser session ({limit} compressed)").format(
                    limit=_mb(MAX_SESSION_BYTES)
                ),
            )
        ]
    return Loaded(datasets.keep(dataset), name, record, left_out), []


def zip_files(files: dict[str, bytes]) -> bytes:
    """A zip of {file name: bytes}, byte-for-byte the same for the same files (fixed dates, order)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def export_zip(dataset: Dataset) -> bytes:
    """The dataset as a zip of its CSV files in the canonical, formula-safe form, with the Data
    Package descriptor that describes them (``datapackage.json``)."""
    return zip_files({**dataset_files(dataset), datapackage.FILE_NAME: datapackage.descriptor_bytes()})


def session_record(tables: dict[str, bytes], dataset: Dataset, name: str) -> dict:
    """What the browser session keeps: the fingerprint, what the header says, and the tables."""
    summary = dataset.summary()
    return {
        "fingerprint": dataset.fingerprint,
        "name": name,
        "states": summary["states_with_memberships"],
        "arrangements": summary["processes"],
        "tables": base64.b64encode(zip_files(tables)).decode("ascii"),
    }


class DatasetUnavailable(Exception):
    """The session names a dataset this server cannot rebuild (damaged or from another version)."""


def restore(record: dict | None) -> Dataset | None:
    """The dataset a session record stands for: None for the report's data; from the bounded cache
    when this process has it; else rebuilt from the record's tables (another worker, a restart)."""
    if not record:
        return None
    fingerprint = record.get("fingerprint") if isinstance(record, dict) else None
    if not isinstance(fingerprint, str):
        raise DatasetUnavailable("no fingerprint")
    ds = datasets.kept(fingerprint)
    if ds is not None:
        return ds
    try:
        tables, issues = _unzip("session", base64.b64decode(record.get("tables") or "", validate=True))
    except (binascii.Error, ValueError, TypeError) as exc:
        raise DatasetUnavailable("damaged record") from exc
    # The same limits as an upload: a record is only as trustworthy as the browser that sent it.
    if issues or _check_files(tables) or any(name not in SCHEMA_FILES for name in tables):
        raise DatasetUnavailable("damaged record")
    ds, issues = validate_tables(tables)
    if ds is None or ds.fingerprint != fingerprint:
        raise DatasetUnavailable("tables do not match the fingerprint")
    return datasets.keep(ds)
