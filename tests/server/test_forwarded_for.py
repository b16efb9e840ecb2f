"""Per-address limits count the client's own address: `whitephone server` ignores X-Forwarded-For
unless `--forwarded-allow-ips` names the proxy that sets it (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
import uuid

import httpx
import pytest

from tests.server.test_slow_clients import _free_port

pytestmark = pytest.mark.timeout(120)
PER_ADDRESS = 10  # routes_profile.FORGOT_PER_ADDRESS


def _serve(db_url, data, *extra):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "whitephone.server.cli", "--port", str(port), "--db", db_url, "--data", str(data),
         "--sip-secret", secrets.token_hex(32), *extra],
        env=os.environ | {"PYTHONUNBUFFERED": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2).status_code == 200:
                return proc, port
        except httpx.HTTPError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("hub did not start") from None
            time.sleep(0.2)


def _stop(proc) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _forgot_codes(port, n, forwarded_for):
    return [httpx.post(f"http://127.0.0.1:{port}/api/v1/password/forgot", timeout=10,
                       json={"email": f"n{uuid.uuid4().hex[:8]}@example.com"},
                       headers={"X-Forwarded-For": forwarded_for(i)}).status_code for i in range(n)]


def test_x_forwarded_for_does_not_escape_the_per_address_limit(db_url, tmp_path):
    proc, port = _serve(db_url, tmp_path / "hub")
    try:
        codes = _forgot_codes(port, PER_ADDRESS + 2, lambda i: f"203.0.113.{i}")
    finally:
        _stop(proc)
    assert codes == [202] * PER_ADDRESS + [429, 429]


def test_a_configured_proxy_gives_the_client_address(db_url, tmp_path):
    proc, port = _serve(db_url, tmp_path / "hub", "--forwarded-allow-ips", "127.0.0.1")
    try:
        varied = _forgot_codes(port, PER_ADDRESS + 2, lambda i: f"203.0.113.{i}")
        same = _forgot_codes(port, PER_ADDRESS + 2, lambda i: "198.51.100.7")
    finally:
        _stop(proc)
    assert varied == [202] * (PER_ADDRESS + 2)  # each client behind the proxy has its own allowance
    assert same == [202] * PER_ADDRESS + [429, 429]
