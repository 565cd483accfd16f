"""Load benchmark of the web API against 127.0.0.1: throughput and p95 latency of the assessment
(POST /api/v1/assess, the motivating case) and the agenda (GET /api/v1/agenda on the demo office).

    .venv/bin/python bench/bench_web.py [--requests 3000] [--concurrency 16] [--workers 2]
    .venv/bin/python bench/bench_web.py --floor [--rounds 4] [--path '/api/v1/assess?lang=en'] [--distinct]

Starts ``zairyu serve`` on a free port with a fresh SQLite database holding the demo office, signs in
through the API and fires requests from an asyncio client in this process. Prints a Markdown table
(copied into docs/bench-web.md). Target: >= 300 assessments/s with p95 <= 50 ms on 2 cores.

``--floor`` also starts a bare FastAPI app on the same stack (bench/floor_app.py: same uvicorn settings, no
middleware) whose one route parses the same facts body into the same pydantic ``Facts`` model and answers
with the real answer's bytes, precomputed; it measures both alternately, in rounds, and prints the server
CPU per request of each and their ratio (target: the real route <= 5x the floor). ``--src DIR`` runs the
servers on another checkout's ``src`` (a "before" measurement on the same machine). The same request again is
answered from the answers zairyu keeps for identical inputs (``zairyu.web.answers``); ``--distinct`` posts other
facts in every request (a birth date of its own; ``--distinct dates``: also another grant of the stay, so that
every date in the answer is new) and so measures answers computed afresh.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ZAIRYU = [sys.executable, "-c", "from zairyu.cli import main; main()"]
ON = "2026-11-25"
FACTS = {"person": {"nationality": "RU"},
         "stay": {"status": "temporary_visitor", "period": "P90D", "granted_on": "2023-02-13",
                  "granted_by": "extension", "previous_expires_on": "2023-02-13"},
         "goal": {"status": "student", "activity_fits": True, "meets_landing_criteria": True},
         "circumstances": {"cannot_return_safely": True, "school_admission": True}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Conn:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: the load generator must cost far less
    CPU than the server it measures (both share the same 2 cores)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, raw: bytes) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            self.writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        assert self.reader is not None
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def raw_request(method: str, path: str, token: str, body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Authorization: Bearer {token}",
             f"Content-Length: {len(body)}"]
    if body:
        lines.append("Content-Type: application/json")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time used so far by the server processes (from /proc; Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def server_pids(root: int) -> list[int]:
    """The server process and its children (uvicorn's worker processes)."""
    pids = [root]
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == root:
                pids.append(int(d.name))
    return pids


async def run(port: int, raw: bytes | list[bytes], n: int, concurrency: int, pids: list[int]) -> dict[str, float]:
    """``n`` requests of ``raw`` (or of each of the list in turn: ``--distinct``)."""
    raws = raw if isinstance(raw, list) else [raw]
    lat: list[float] = []
    errors = 0
    queue = iter(range(n))
    conns = [Conn("127.0.0.1", port) for _ in range(concurrency)]
    for c in conns:  # warm-up, one connection each
        for _ in range(5):
            await c.request(raws[-1])

    async def worker(c: Conn) -> None:
        nonlocal errors
        for i in queue:
            t0 = time.perf_counter()
            status = await c.request(raws[i % len(raws)])
            lat.append(time.perf_counter() - t0)
            if status != 200:
                errors += 1

    t0, cpu0 = time.perf_counter(), cpu_seconds(pids)
    await asyncio.gather(*(worker(c) for c in conns))
    wall, cpu = time.perf_counter() - t0, cpu_seconds(pids) - cpu0
    for c in conns:
        c.close()
    lat.sort()
    return {"rps": n / wall, "p50": statistics.median(lat) * 1000, "p95": lat[int(len(lat) * 0.95) - 1] * 1000,
            "p99": lat[int(len(lat) * 0.99) - 1] * 1000, "errors": errors,
            # the server's own CPU per request: what one core could serve if the server had it to itself
            # (independent of the load generator and of other work on the machine)
            "cpu_ms": cpu / n * 1000}


def start(cmd: list[str], env: dict[str, str], url: str) -> subprocess.Popen[bytes]:
    """A server process, once it answers ``/healthz``."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            httpx.get(url + "/healthz", timeout=1)
            return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit(f"server {cmd} did not start")


def distinct_facts(i: int, dates: bool) -> dict[str, object]:
    """The benchmark's facts for the ``i``-th new person: another birth date (1950-01-01 + i days); with
    ``dates``, also another grant of the stay (2023-02-13 + 0..1199 days, by steps of 7 days), so that every
    date the answer states (expiry, windows, the special period, deadlines) is new too."""
    from datetime import date, timedelta

    facts: dict[str, object] = {**FACTS, "person": {**FACTS["person"],
                                                    "birth_date": (date(1950, 1, 1) + timedelta(days=i)).isoformat()}}
    if dates:
        granted = (date(2023, 2, 13) + timedelta(days=(i * 7) % 1200)).isoformat()
        facts["stay"] = {**FACTS["stay"], "granted_on": granted, "previous_expires_on": granted}
    return facts


def distinct_requests(path: str, token: str, first: int, n: int, dates: bool = False) -> list[bytes]:
    """``n`` requests, each of another person's facts (:func:`distinct_facts` ``first`` .. ``first + n - 1``)."""
    return [raw_request("POST", path, token, json.dumps(distinct_facts(first + i, dates)).encode())
            for i in range(n)]


FLOOR_SERVER = ("import uvicorn; uvicorn.run('floor_app:app', host='127.0.0.1', port={port}, workers=1, "
                "log_level='warning', http='zairyu.web.protocol:NoDelayHttpToolsProtocol', loop='uvloop')")


def floor(args: argparse.Namespace, env: dict[str, str], data: Path) -> None:
    """``--floor``: zairyu's route against the bare app answering the same bytes, alternately."""
    port, fport = free_port(), free_port()
    url, furl = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{fport}"
    server = start([*ZAIRYU, "serve", "--port", str(port), "--workers", "1", "--on", ON], env, url)
    bare: subprocess.Popen[bytes] | None = None
    try:
        token = httpx.post(url + "/api/v1/auth/token", json={"email": "caseworker@demo.zairyu.example",
                                                              "password": "bench-password"}).json()["access_token"]
        sep = "&" if "?" in args.path else "?"
        path = f"{args.path}{sep}on={ON}"
        body = json.dumps(FACTS).encode()
        answer = httpx.post(url + path, content=body, headers={"Authorization": f"Bearer {token}",
                                                               "Content-Type": "application/json"})
        assert answer.status_code == 200, answer.text
        (data / "answer.json").write_bytes(answer.content)
        fenv = {**env, "ZAIRYU_FLOOR_BODY": str(data / "answer.json"),
                "ZAIRYU_FLOOR_LANG": answer.headers.get("content-language", "en"),
                "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), env.get("PYTHONPATH", "")])}
        bare = start([sys.executable, "-c", FLOOR_SERVER.format(port=fport)], fenv, furl)
        raw = raw_request("POST", path, token, body)
        pids, fpids = server_pids(server.pid), server_pids(bare.pid)
        zs, fs = [], []
        for r in range(args.rounds):
            # --distinct: every request of every round other facts (a birth date of its own), so that no answer
            # kept for identical inputs (zairyu.web.answers) is ever used: the cost of computing each answer
            raws = (distinct_requests(path, token, r * args.requests, args.requests, args.distinct == "dates")
                    if args.distinct else raw)
            zs.append(asyncio.run(run(port, raws, args.requests, args.concurrency, pids)))
            fs.append(asyncio.run(run(fport, raws, args.requests, args.concurrency, fpids)))
    finally:
        server.terminate()
        if bare is not None:
            bare.terminate()
            bare.wait(timeout=10)
        server.wait(timeout=10)
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs (load average {os.getloadavg()[0]:.1f} after the "
          f"run), Python {platform.python_version()}; POST {path}: {len(answer.content)} bytes answered; "
          f"{args.rounds} rounds x {args.requests} requests, {args.concurrency} connections, alternating"
          f"{f'; every request other facts (--distinct {args.distinct})' if args.distinct else ''}\n")
    print("| round | zairyu CPU ms/req | floor CPU ms/req | ratio | zairyu req/s | floor req/s |")
    print("|---:|---:|---:|---:|---:|---:|")
    for i, (z, f) in enumerate(zip(zs, fs, strict=True), 1):
        print(f"| {i} | {z['cpu_ms']:.3f} | {f['cpu_ms']:.3f} | {z['cpu_ms'] / f['cpu_ms']:.1f}x | {z['rps']:.0f} "
              f"| {f['rps']:.0f} |")
    z_ms, f_ms = statistics.median(z["cpu_ms"] for z in zs), statistics.median(f["cpu_ms"] for f in fs)
    print(f"| median | {z_ms:.3f} | {f_ms:.3f} | **{z_ms / f_ms:.1f}x** | | |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=3000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--only", choices=["assess", "agenda"], help="measure one endpoint only (for profiling)")
    ap.add_argument("--floor", action="store_true", help="compare the assessment with a bare FastAPI app")
    ap.add_argument("--rounds", type=int, default=4, help="--floor: alternating rounds")
    ap.add_argument("--path", default="/api/v1/assess?lang=en", help="--floor: the route measured")
    ap.add_argument("--distinct", nargs="?", const="birth", choices=["birth", "dates"],
                    help="--floor: other facts in every request (no answer kept for identical inputs is used): "
                         "another birth date ('birth', the default), or also another grant of the stay, so that "
                         "every date in the answer is new ('dates')")
    ap.add_argument("--src", help="run the servers on this checkout's src folder (a 'before' measurement)")
    args = ap.parse_args()
    data = Path(tempfile.mkdtemp(prefix="zairyu-bench-"))
    env = {**os.environ, "ZAIRYU_DATA_DIR": str(data), "ZAIRYU_DATABASE_URL": f"sqlite:///{data / 'zairyu.db'}"}
    if args.src:
        env["PYTHONPATH"] = str(Path(args.src).resolve())
    subprocess.run([*ZAIRYU, "db", "upgrade"], env=env, check=True, capture_output=True)
    subprocess.run([*ZAIRYU, "demo", "--on", ON], env=env, check=True, capture_output=True)
    subprocess.run([*ZAIRYU, "users", "add", "caseworker@demo.zairyu.example", "--role", "caseworker",
                    "--password", "bench-password"], env=env, check=True, capture_output=True)
    if args.floor:
        floor(args, env, data)
        return
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([*ZAIRYU, "serve", "--port", str(port), "--workers", str(args.workers), "--on", ON],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                httpx.get(url + "/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        token = httpx.post(url + "/api/v1/auth/token", json={"email": "caseworker@demo.zairyu.example",
                                                              "password": "bench-password"}).json()["access_token"]
        agenda_items = len(httpx.get(url + "/api/v1/agenda", headers={"Authorization": f"Bearer {token}"}).json()
                           ["items"])
        body = json.dumps(FACTS).encode()
        pids = server_pids(server.pid)
        rows = []
        if args.only in (None, "assess"):
            rows.append(("POST /api/v1/assess (motivating case)",
                         asyncio.run(run(port, raw_request("POST", f"/api/v1/assess?on={ON}", token, body),
                                         args.requests, args.concurrency, pids))))
        if args.only in (None, "agenda"):
            rows.append((f"GET /api/v1/agenda (demo office, {agenda_items} items)",
                         asyncio.run(run(port, raw_request("GET", "/api/v1/agenda", token), args.requests,
                                         args.concurrency, pids))))
    finally:
        server.terminate()
        server.wait(timeout=10)
    load = os.getloadavg()[0]
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs (load average {load:.1f} after the run), "
          f"Python {platform.python_version()}; "
          f"server: zairyu serve --workers {args.workers} (uvicorn), SQLite; client: raw HTTP/1.1 keep-alive "
          f"on asyncio on the same machine, {args.concurrency} concurrent connections, "
          f"{args.requests} requests per endpoint\n")
    print("| endpoint | requests/s | p50 ms | p95 ms | p99 ms | errors | server CPU ms/request |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in rows:
        print(f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | {r['errors']:.0f} "
              f"| {r['cpu_ms']:.2f} |")


if __name__ == "__main__":
    main()
