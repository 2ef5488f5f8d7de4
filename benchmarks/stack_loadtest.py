"""The project's load test against the served stack: nginx in front of two instances sharing one Redis.

    .venv/bin/python benchmarks/stack_loadtest.py --event kill      # kill -9 one instance 15 s in
    .venv/bin/python benchmarks/stack_loadtest.py --event freeze    # SIGSTOP Redis from 10 s to 25 s
    .venv/bin/python benchmarks/stack_loadtest.py --event none

Starts the same stack as tests/test_stack.py (Debian's nginx with deploy/nginx-rcpdash.conf, two
gunicorn instances of one worker × 4 threads, one redis-server, all on free loopback ports), runs
benchmarks/loadtest.py's simulated users through nginx, does the event, and prints the load test's
report plus the errors and latencies in the seconds after the event. Needs nginx and redis-server
(`make system-tools`).
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import loadtest

from tests import test_stack


class _Folders:
    """Stands in for pytest's tmp_path_factory."""

    def mktemp(self, name: str) -> Path:
        return Path(tempfile.mkdtemp(prefix=f"rcpdash-{name}-"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--event", choices=("kill", "freeze", "none"), default="kill")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=40)
    args = parser.parse_args(argv)
    stacks = test_stack.stack.__wrapped__(_Folders())  # the test's fixture, as a generator
    stack = next(stacks)
    try:

        def event() -> None:
            if args.event == "kill":
                time.sleep(15)
                victim = stack.instances[1][1]
                test_stack.os.killpg(victim.pid, signal.SIGKILL)
            elif args.event == "freeze":
                time.sleep(10)
                stack.redis.send_signal(signal.SIGSTOP)
                time.sleep(15)
                health = test_stack._healthz(stack.nginx)
                print(f"healthz while frozen: {health['status']}, cache {health['cache']}", flush=True)
                stack.redis.send_signal(signal.SIGCONT)

        thread = threading.Thread(target=event, daemon=True)
        before = loadtest.cpu_snapshot(None)
        thread.start()
        results, elapsed = loadtest.run_users("127.0.0.1", stack.nginx, args.users, args.seconds, seed=1)
        after = loadtest.cpu_snapshot(None)
        thread.join()
        server = f"nginx + 2 gunicorn instances (1 worker × 4 threads) + Redis; event: {args.event}"
        loadtest.report(results, elapsed, args.users, args.seconds, server, (before, after))
    finally:
        for _ in stacks:  # the fixture's teardown
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
