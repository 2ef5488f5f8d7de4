"""Load test: many simulated people clicking through rcpdash views at once, against gunicorn.

    make loadtest      # runs: .venv/bin/python benchmarks/loadtest.py
    .venv/bin/python benchmarks/loadtest.py --users 50 --seconds 60 --seed 1
    .venv/bin/python benchmarks/loadtest.py --url http://127.0.0.1:8050   # a server already running

By default it starts the app itself under gunicorn (``gunicorn.conf.py``, 2 workers, on a free
loopback port), waits for ``/healthz``, runs the test and stops gunicorn again, also on Ctrl-C or an
error. With ``--url`` it targets a running server instead; only loopback hosts (127.0.0.1,
localhost) are accepted, so it can never load someone else's machine.

Each simulated user opens the page like a browser (``GET /``, ``/_dash-layout``,
``/_dash-dependencies``, then the first render of the default view) and then clicks through views:
it switches views, changes a filter or picks a state or process, each click one
``POST /_dash-update-component`` that renders the view, with a think time of 1-3 s (seeded
random) between clicks, and now and then a ``GET /healthz``. Everything stops when the time is up.
Standard library only on the client side (threads and http.client).

The report gives throughput, latency percentiles (overall and for the render POSTs), the errors,
the share of renders served from the view cache (``X-Cache: hit``) and where the CPU went (gunicorn,
this client, other processes: on a shared machine the last one explains slow runs). Target: zero errors and
p95 under 500 ms, overall and for renders; the exit status is 1 when it is missed.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import math
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rcpdash import datasets
from rcpdash.config import PROCESS_KINDS
from rcpdash.metrics import CENTRALITY_METRICS
from rcpdash.urlstate import REGION_FILTERS, VIEWS, ViewState
from tests.callback_requests import render_request

ROOT = Path(__file__).resolve().parents[1]
MAX_USERS = 200
MAX_SECONDS = 300
TARGET_P95_MS = 500.0
# A person looks at a chart for a moment before clicking again. With 0.2-1.0 s, 50 users offered
# ~80 requests/s, more than 2 cores serve at ~20 ms of CPU a render (measured: p95 ~1 s, no errors).
THINK_S = (1.0, 3.0)
REQUEST_TIMEOUT_S = 30.0
STARTUP_TIMEOUT_S = 120.0
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")
PROFILE_VIEWS = ("state", "process")
RENDER = "render"


# --- building requests -------------------------------------------------------------------------


def render_body(dependencies: list[dict[str, Any]], vs: ViewState) -> bytes:
    """The JSON body of the ``/_dash-update-component`` call that renders the view `vs`."""
    return json.dumps(render_request(dependencies, vs)).encode()


@dataclass(frozen=True)
class Choices:
    """The values a simulated user picks from."""

    states: tuple[str, ...]
    processes: tuple[str, ...]

    @classmethod
    def from_dataset(cls) -> Choices:
        members = datasets.dataset().memberships
        return cls(tuple(sorted(set(members.iso3))), tuple(sorted(set(members.process_id))))


def _subset(rng: random.Random, items: tuple[str, ...], keep: float) -> tuple[str, ...]:
    """A random non-empty subset of `items`, in their order."""
    chosen = tuple(x for x in items if rng.random() < keep)
    return chosen or (rng.choice(items),)


def next_state(vs: ViewState, rng: random.Random, choices: Choices) -> ViewState:
    """What one click leads to from `vs`: mostly another view, sometimes a filter or a selection."""
    roll = rng.random()
    if roll < 0.55:  # switch view
        vs = vs.with_changes(view=rng.choice(VIEWS))
    elif roll < 0.85:  # change one filter
        which = rng.choice(("regions", "kinds", "roles", "year", "metric"))
        if which == "regions":
            vs = vs.with_changes(regions=_subset(rng, tuple(REGION_FILTERS), 0.7))
        elif which == "kinds":
            vs = vs.with_changes(kinds=_subset(rng, PROCESS_KINDS, 0.75))
        elif which == "roles":
            vs = vs.with_changes(roles=rng.choice(("members", "all")))
        elif which == "year":
            vs = vs.with_changes(year=rng.choice((None, *range(1990, 2006))))
        else:
            vs = vs.with_changes(metric=rng.choice(tuple(CENTRALITY_METRICS)))
    elif roll < 0.95:  # open a state's or a process's profile
        vs = vs.with_changes(view=rng.choice(PROFILE_VIEWS))
    else:  # reset the filters
        vs = ViewState(view=vs.view, state=vs.state, process=vs.process)
    if vs.view == "state" and (vs.state is None or roll >= 0.85):
        vs = vs.with_changes(state=rng.choice(choices.states))
    if vs.view == "process" and (vs.process is None or roll >= 0.85):
        vs = vs.with_changes(process=rng.choice(choices.processes))
    return vs


# --- measuring ---------------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str
    ms: float
    error: str | None
    cache: str | None


@dataclass
class Results:
    """Every request's outcome, appended from many threads."""

    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


class Client:
    """One keep-alive connection, like a browser tab; reconnects after an error."""

    def __init__(self, host: str, port: int, results: Results) -> None:
        self.host, self.port, self.results = host, port, results
        self.conn: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def _send(
        self, method: str, path: str, body: bytes | None, headers: dict[str, str]
    ) -> tuple[http.client.HTTPResponse, bytes]:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT_S)
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        return response, response.read()

    def request(self, kind: str, method: str, path: str, body: bytes | None = None) -> bytes | None:
        """Send one request, record its latency and outcome; the (decompressed) body or None."""
        headers = {"Accept-Encoding": "gzip", "Accept": "*/*"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        try:
            try:
                reused = self.conn is not None
                response, data = self._send(method, path, body, headers)
            except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
                if not reused:
                    raise
                # The server closed an idle keep-alive connection while this user was thinking:
                # like a browser, open a new one and send again (nothing reached the server).
                self.close()
                response, data = self._send(method, path, body, headers)
            ms = (time.perf_counter() - started) * 1000
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            ms = (time.perf_counter() - started) * 1000
            self.results.add(Sample(kind, ms, f"{method} {path}: {type(exc).__name__}: {exc}", None))
            return None
        error = None
        if response.getheader("Content-Encoding") == "gzip":
            data = gzip.decompress(data)
        if response.status != 200:
            error = f"{method} {path}: HTTP {response.status}: {data[:200].decode(errors='replace')}"
        elif kind == RENDER and not (data.startswith(b"{") and b'"response"' in data[:200]):
            error = f"{method} {path}: unexpected body: {data[:200].decode(errors='replace')}"
        self.results.add(Sample(kind, ms, error, response.getheader("X-Cache")))
        return None if error else data


def user(
    index: int,
    target: tuple[str, int],
    seed: int,
    deadline: float,
    stopping: threading.Event,
    results: Results,
    choices: Choices,
) -> int:
    """One simulated person: open the page, then click through views until `deadline` (or until
    `stopping` is set). Returns the clicks made."""
    rng = random.Random(seed * 100_003 + index)
    client = Client(*target, results)
    clicks = 0

    def pause(seconds: float) -> bool:
        """Think for `seconds` (never past the deadline); False when it is time to stop."""
        stopping.wait(min(seconds, max(0.0, deadline - time.monotonic())))
        return time.monotonic() < deadline and not stopping.is_set()

    try:
        if not pause(rng.uniform(0, 1.0)):  # people arrive over the first second
            return 0
        client.request("page", "GET", "/")
        client.request("layout", "GET", "/_dash-layout")
        raw = client.request("dependencies", "GET", "/_dash-dependencies")
        if raw is None:
            return 0
        dependencies = json.loads(raw)
        vs = ViewState()  # the first render of the page: the default view
        while True:
            if rng.random() < 0.05:
                client.request("healthz", "GET", "/healthz")
            else:
                client.request(RENDER, "POST", "/_dash-update-component", render_body(dependencies, vs))
                clicks += 1
                vs = next_state(vs, rng, choices)
            if not pause(rng.uniform(*THINK_S)):
                break
    finally:
        client.close()
    return clicks


def run_users(host: str, port: int, users: int, seconds: float, seed: int) -> tuple[Results, float]:
    """Run `users` simulated people for `seconds`; the results and the wall time taken."""
    choices = Choices.from_dataset()
    results = Results()
    stopping = threading.Event()
    started = time.monotonic()
    deadline = started + seconds
    threads = [
        threading.Thread(
            target=user,
            args=(i, (host, port), seed, deadline, stopping, results, choices),
            name=f"user-{i}",
            daemon=True,
        )
        for i in range(users)
    ]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:  # each ends by itself: at most one request timeout after the deadline
            thread.join(timeout=max(0.0, deadline + REQUEST_TIMEOUT_S + 5 - time.monotonic()))
    finally:
        stopping.set()  # on Ctrl-C too: no user starts another request
    stuck = sum(thread.is_alive() for thread in threads)
    if stuck:
        results.add(Sample("internal", 0.0, f"{stuck} user threads did not finish in time", None))
    return results, time.monotonic() - started


@dataclass(frozen=True)
class CpuSnapshot:
    """CPU seconds used so far: the whole machine (busy time), the server's processes, this client."""

    machine: float
    server: float | None
    client: float


def _proc_fields(pid: int | str) -> list[str]:
    """The fields of /proc/PID/stat after the command name (field 3, the state, comes first)."""
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rpartition(")")[2].split()


def _process_tree(root: int) -> list[int]:
    """`root` and its direct children (gunicorn's master and its workers)."""
    pids = [root]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if int(_proc_fields(entry)[1]) == root:
                    pids.append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return pids


def cpu_snapshot(server_pid: int | None) -> CpuSnapshot | None:
    """CPU used so far, read from /proc (Linux only; None elsewhere)."""
    try:
        tick = os.sysconf("SC_CLK_TCK")
        with open("/proc/stat") as f:
            jiffies = [int(x) for x in f.readline().split()[1:9]]
        machine = (sum(jiffies) - jiffies[3] - jiffies[4]) / tick  # all but idle and iowait
        server = None
        if server_pid is not None:
            server = 0.0
            for pid in _process_tree(server_pid):
                try:
                    fields = _proc_fields(pid)
                    server += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
                except (OSError, IndexError, ValueError):
                    continue
    except (OSError, ValueError, AttributeError):
        return None
    times = os.times()
    return CpuSnapshot(machine, server, times.user + times.system)


def cpu_line(before: CpuSnapshot | None, after: CpuSnapshot | None, elapsed: float, requests: int) -> str:
    """Where the CPU went during the run, in cores: the machine, the server, this client, the rest."""
    if before is None or after is None or elapsed <= 0:
        return "CPU:                   not measured (needs Linux /proc)"
    cores = os.cpu_count() or 1
    machine = (after.machine - before.machine) / elapsed
    client = (after.client - before.client) / elapsed
    parts = [f"machine {machine:.2f} of {cores} cores busy"]
    rest = machine - client
    if before.server is not None and after.server is not None:
        server = (after.server - before.server) / elapsed
        per_request = 1000 * server * elapsed / requests if requests else 0.0
        parts.append(f"gunicorn {server:.2f} ({per_request:.1f} ms CPU/request)")
        rest -= server
    parts += [f"this client {client:.2f}", f"other processes {max(rest, 0.0):.2f}"]
    return "CPU (cores):           " + "; ".join(parts)


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank `q`-th percentile of `values` (0 when empty)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def _latency_line(label: str, values: list[float]) -> str:
    return (
        f"{label:<22} n={len(values):<6} p50={percentile(values, 50):7.1f}  p95={percentile(values, 95):7.1f}"
        f"  p99={percentile(values, 99):7.1f}  max={max(values, default=0.0):7.1f}  (ms)"
    )


def report(
    results: Results,
    elapsed: float,
    users: int,
    seconds: float,
    server: str,
    cpu: tuple[CpuSnapshot | None, CpuSnapshot | None],
) -> bool:
    """Print the report; True when the target is met."""
    samples = [s for s in results.samples if s.kind != "internal"]
    all_ms = [s.ms for s in samples if s.error is None]
    renders = [s for s in samples if s.kind == RENDER]
    render_ms = [s.ms for s in renders if s.error is None]
    errors = [s.error for s in results.samples if s.error is not None]
    hits = sum(s.cache == "hit" for s in renders)
    tagged = sum(s.cache is not None for s in renders)
    print(f"rcpdash load test: {users} users for {seconds:g} s against {server}")
    print(f"requests:              {len(samples)} in {elapsed:.1f} s ({len(renders)} view renders)")
    print(
        f"throughput:            {len(samples) / elapsed:.1f} req/s ({len(renders) / elapsed:.1f} renders/s)"
    )
    print(_latency_line("latency, all:", all_ms))
    print(_latency_line("latency, renders:", render_ms))
    for kind in ("page", "layout", "dependencies", "healthz"):
        values = [s.ms for s in samples if s.kind == kind and s.error is None]
        print(_latency_line(f"  {kind}:", values))
    share = 100 * hits / len(renders) if renders else 0.0
    print(f"X-Cache: hit           {hits}/{len(renders)} renders ({share:.1f}%; {tagged} carried X-Cache)")
    print(cpu_line(*cpu, elapsed, len(samples)))
    print(f"errors:                {len(errors)}")
    for message in errors[:5]:
        print(f"  - {message}")
    p95 = max(percentile(all_ms, 95), percentile(render_ms, 95))
    ok = not errors and bool(samples) and p95 <= TARGET_P95_MS
    verdict = "PASS" if ok else "FAIL"
    print(
        f"target: zero errors, p95 under {TARGET_P95_MS:.0f} ms -> {verdict} "
        f"({len(errors)} errors, p95 {p95:.1f} ms, the worse of all requests and renders)"
    )
    return ok


# --- the server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(host: str, port: int, timeout: float, process: subprocess.Popen | None = None) -> dict:
    """Poll ``/healthz`` until it answers 200; its JSON. Raises if the server died or never answered."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode} while starting")
        conn = http.client.HTTPConnection(host, port, timeout=5)
        try:
            conn.request("GET", "/healthz")
            response = conn.getresponse()
            data = response.read()
            if response.status == 200:
                return json.loads(data)
            last = f"HTTP {response.status}"
        except (OSError, http.client.HTTPException) as exc:
            last = f"{type(exc).__name__}: {exc}"
        finally:
            conn.close()
        time.sleep(0.25)
    raise TimeoutError(f"/healthz on {host}:{port} did not answer within {timeout:.0f} s ({last})")


def stop(process: subprocess.Popen) -> None:
    """Stop gunicorn gracefully (SIGTERM to its process group), forcibly after a grace period."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


def _tail(log: IO[bytes], lines: int = 20) -> str:
    log.flush()
    log.seek(0)
    return "\n".join(log.read().decode(errors="replace").splitlines()[-lines:])


@contextmanager
def gunicorn(workers: int) -> Iterator[tuple[str, int, int]]:
    """Serve the app under gunicorn on a free loopback port for the duration of the block;
    yields host, port and gunicorn's (master) pid."""
    port = free_port()
    env = {
        **os.environ,
        "OPENBLAS_NUM_THREADS": "1",
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "WEB_CONCURRENCY": str(workers),
        "RCPDASH_LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "app:server"]
    with tempfile.TemporaryFile() as log:
        # Its own session: Ctrl-C reaches only this script, which then stops gunicorn in order.
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            try:
                wait_healthy("127.0.0.1", port, STARTUP_TIMEOUT_S, process)
            except (RuntimeError, TimeoutError) as exc:
                raise RuntimeError(f"{exc}\n--- gunicorn output ---\n{_tail(log)}") from None
            yield "127.0.0.1", port, process.pid
        finally:
            stop(process)
            output = _tail(log)
            if output.strip():
                print(f"--- gunicorn log (warnings and errors, last lines) ---\n{output}\n---")


def loopback_target(url: str) -> tuple[str, int]:
    """Host and port of `url`; refuses anything but http on 127.0.0.1 or localhost."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK_HOSTS:
        raise ValueError(f"refusing {url!r}: only http://127.0.0.1:PORT or http://localhost:PORT")
    return parts.hostname, parts.port or 80


# --- main --------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50, help=f"concurrent users (1-{MAX_USERS}, default 50)")
    parser.add_argument(
        "--seconds", type=float, default=60, help=f"test duration (1-{MAX_SECONDS}, default 60)"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed for the users' clicks (default 1)")
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn workers when started here (default 2)"
    )
    parser.add_argument("--url", help="target a running server (loopback only) instead of starting gunicorn")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= MAX_USERS:
        parser.error(f"--users must be between 1 and {MAX_USERS}")
    if not 1 <= args.seconds <= MAX_SECONDS:
        parser.error(f"--seconds must be between 1 and {MAX_SECONDS}")
    if not 1 <= args.workers <= 8:
        parser.error("--workers must be between 1 and 8")
    if args.url:
        try:
            loopback_target(args.url)
        except ValueError as exc:
            parser.error(str(exc))
    return args


def _interrupt(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops gunicorn too, as Ctrl-C does
    try:
        if args.url:
            host, port = loopback_target(args.url)
            health = wait_healthy(host, port, 10)
            server = f"{args.url} (cache: {health.get('cache')})"
            before = cpu_snapshot(None)
            results, elapsed = run_users(host, port, args.users, args.seconds, args.seed)
            after = cpu_snapshot(None)
        else:
            print(f"starting gunicorn ({args.workers} workers) ...", flush=True)
            with gunicorn(args.workers) as (host, port, pid):
                health = wait_healthy(host, port, 10)
                server = (
                    f"gunicorn, {args.workers} workers, http://{host}:{port} (cache: {health.get('cache')})"
                )
                before = cpu_snapshot(pid)
                results, elapsed = run_users(host, port, args.users, args.seconds, args.seed)
                after = cpu_snapshot(pid)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (RuntimeError, TimeoutError) as exc:
        print(f"load test failed: {exc}", file=sys.stderr)
        return 1
    return 0 if report(results, elapsed, args.users, args.seconds, server, (before, after)) else 1


if __name__ == "__main__":
    sys.exit(main())
