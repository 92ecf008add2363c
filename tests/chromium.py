"""Headless Chromium driven through chromedriver's WebDriver HTTP API, and a static server on 127.0.0.1.

Debian's `chromium` and `chromium-driver` packages (.ci/run installs them). Every page the browser
opens gets a listener for Content-Security-Policy violations first (through the DevTools protocol,
which the page's own policy does not restrict), and the browser's console log is kept.
"""

from __future__ import annotations

import base64
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests
from docker_harness import serve_directory

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]
_WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def available() -> bool:
    return Path(CHROMIUM).exists() and shutil.which("chromedriver") is not None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """A static file server for `directory` on 127.0.0.1; yields its base URL (no trailing slash)."""
    with serve_directory(directory) as url:
        yield url.rstrip("/")


class Browser:
    """One chromedriver and one Chromium session with a fresh profile."""

    def __init__(self, profile: Path, width: int = 1400, height: int = 1000) -> None:
        port = _free_port()
        self.driver = subprocess.Popen(
            ["chromedriver", f"--port={port}", "--allowed-ips=127.0.0.1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.base = f"http://127.0.0.1:{port}"
        self.http = requests.Session()
        self._wait_for_driver()
        options = {
            "binary": CHROMIUM,
            "args": [*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"],
        }
        capabilities = {
            "browserName": "chrome",
            "goog:chromeOptions": options,
            "goog:loggingPrefs": {"browser": "ALL"},
        }
        created = self._call("POST", "/session", {"capabilities": {"alwaysMatch": capabilities}})
        self.session = f"/session/{created['sessionId']}"
        self._call(
            "POST",
            f"{self.session}/goog/cdp/execute",
            {"cmd": "Page.addScriptToEvaluateOnNewDocument", "params": {"source": _WATCH_CSP}},
        )

    def _wait_for_driver(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if self.http.get(f"{self.base}/status", timeout=2).json()["value"]["ready"]:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("chromedriver did not start")

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        payload = body if body is not None or method != "POST" else {}
        answer = self.http.request(method, f"{self.base}{path}", json=payload, timeout=120)
        value = answer.json()["value"]
        if answer.status_code != 200:
            raise RuntimeError(f"WebDriver {method} {path}: {value}")
        return value

    def open(self, url: str) -> None:
        self._call("POST", f"{self.session}/url", {"url": url})

    def run(self, script: str, *args: Any) -> Any:
        """Run a script's body in the page (`arguments` holds args) and return what it returns."""
        return self._call("POST", f"{self.session}/execute/sync", {"script": script, "args": list(args)})

    def type_into(self, selector: str, keys: str) -> None:
        found = self._call("POST", f"{self.session}/element", {"using": "css selector", "value": selector})
        element = next(iter(found.values()))
        self._call("POST", f"{self.session}/element/{element}/clear")
        if keys:
            self._call("POST", f"{self.session}/element/{element}/value", {"text": keys})

    def console(self) -> list[dict[str, Any]]:
        """Console messages since the last call."""
        return self._call("POST", f"{self.session}/se/log", {"type": "browser"})

    def csp_violations(self) -> list[str]:
        return self.run("return window.__cspViolations || ['listener missing'];")

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self._call("GET", f"{self.session}/screenshot")))

    def close(self) -> None:
        try:
            self._call("DELETE", self.session)
        finally:
            self.driver.terminate()
            self.driver.wait(timeout=30)
