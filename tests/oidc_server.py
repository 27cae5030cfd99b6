"""Start and stop the test OpenID Connect provider (tests/oidc_provider.mjs).

The provider is a real ``oidc-provider`` (npm) instance run with node on
127.0.0.1. This module only contains plain helpers; pytest fixtures are meant
to wrap :func:`running_provider`.

Example::

    with running_provider(
        clients=[{"client_id": "elearning", "client_secret": "s3cret",
                  "redirect_uris": ["http://127.0.0.1:8000/oidc/callback/"]}],
        accounts={"alice": {"sub": "alice-sub", "email": "alice@example.org",
                            "email_verified": True, "name": "Alice",
                            "staff_code": "S-001"}},
    ) as provider:
        provider.issuer       # "http://127.0.0.1:<port>"
        provider.set_mode("tamper")
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import threading
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
PROVIDER_SCRIPT = Path(__file__).resolve().with_name("oidc_provider.mjs")

READY_TIMEOUT = 15.0
TERMINATE_TIMEOUT = 5.0
MODES = ("normal", "tamper", "expire", "nonce")


def node_available() -> bool:
    """Whether node is on PATH and the npm package ``oidc-provider`` is installed."""
    if shutil.which("node") is None:
        return False
    return (REPO_ROOT / "node_modules" / "oidc-provider" / "package.json").is_file()


@dataclass
class RunningProvider:
    """Handle on a running test provider."""

    issuer: str
    process: subprocess.Popen = field(repr=False)

    def url(self, path: str) -> str:
        return self.issuer + path

    def set_mode(self, mode: str) -> None:
        """Switch the id_token post-processing: "normal", "tamper" or "expire"."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}, expected one of {MODES}")
        request = urllib.request.Request(
            self.url("/__test/mode"),
            data=json.dumps({"mode": mode}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            if response.status != 204:
                raise RuntimeError(f"setting mode {mode!r} failed: HTTP {response.status}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=TERMINATE_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def running_provider(
    clients: Sequence[Mapping[str, Any]],
    accounts: Mapping[str, Mapping[str, Any]],
    port: int = 0,
) -> Iterator[RunningProvider]:
    """Run the test OIDC provider for the duration of the ``with`` block.

    ``clients`` is a list of client metadata dicts (client_id, client_secret,
    redirect_uris, ...); ``accounts`` maps login names to their claims (sub,
    email, email_verified, name, staff_code). ``port`` 0 picks a free port.
    """
    config = {"port": port, "clients": list(clients), "accounts": dict(accounts)}
    env = dict(os.environ, OIDC_TEST_CONFIG=json.dumps(config))
    process = subprocess.Popen(
        ["node", str(PROVIDER_SCRIPT)],
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

    # Collect stderr in the background so that the pipe never fills up and
    # its content is available for error messages.
    stderr_lines: list[str] = []

    def drain_stderr() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            stderr_lines.append(line)

    stderr_thread = threading.Thread(target=drain_stderr, daemon=True)
    stderr_thread.start()

    ready_line: list[str] = []
    ready = threading.Event()

    def read_stdout() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if not ready.is_set() and line.startswith("READY "):
                ready_line.append(line.strip())
                ready.set()
        ready.set()  # EOF: the process ended

    stdout_thread = threading.Thread(target=read_stdout, daemon=True)
    stdout_thread.start()

    try:
        ready.wait(READY_TIMEOUT)
        if not ready_line:
            try:
                returncode = process.wait(timeout=1)
            except subprocess.TimeoutExpired:
                returncode = None
            _stop(process)
            stderr_thread.join(timeout=2)
            state = (
                f"exited with code {returncode}"
                if returncode is not None
                else f"did not print READY within {READY_TIMEOUT:.0f} s"
            )
            raise RuntimeError(
                f"test OIDC provider ({PROVIDER_SCRIPT}) {state}; node stderr:\n" + "".join(stderr_lines)
            )
        issuer = ready_line[0].split(" ", 1)[1]
        yield RunningProvider(issuer=issuer, process=process)
    finally:
        _stop(process)
        stdout_thread.join(timeout=2)
        stderr_thread.join(timeout=2)
