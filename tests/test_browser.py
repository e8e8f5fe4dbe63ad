"""The app in a real browser: a real Streamlit server on 127.0.0.1, real headless Chromium
(Debian's, driven by Playwright), a real PDF uploaded through the file input."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
PROJECT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    port = _free_port()
    env = {**os.environ, "CONTRACT_GUARD_DATA": str(tmp_path_factory.mktemp("app-data"))}
    log = tmp_path_factory.mktemp("app-log") / "streamlit.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(PROJECT / "app.py"),
                                 "--server.port", str(port), "--server.address", "127.0.0.1",
                                 "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                                cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("streamlit did not start:\n" + log.read_text(errors="replace")[-2000:])
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Debian chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def _upload(browser, url: str, path: Path, tmp_path: Path, shot: str):
    page = browser.new_page(locale="en-US", viewport={"width": 1280, "height": 2400})
    page.goto(url, wait_until="domcontentloaded")
    page.locator("input[type=file]").first.wait_for(state="attached", timeout=60_000)
    page.locator("input[type=file]").first.set_input_files(str(path))
    return page


def test_upload_a_pdf_and_see_the_report(browser, app_url, en_pdf, tmp_path):
    page = _upload(browser, app_url, en_pdf, tmp_path, "en")
    page.get_by_text("Download", exact=False).first.wait_for(timeout=90_000)
    body = page.inner_text("body")
    assert "Critical" in body or "critical" in body
    assert "hereby irrevocably assigns" in body  # the quoted clause, from the PDF itself
    page.screenshot(path=str(Path(os.environ.get("CG_SHOT_DIR", tmp_path)) / "report.png"), full_page=True)
    page.close()


def test_a_corrupt_file_gets_a_clear_message_not_a_traceback(browser, app_url, corrupt_pdf, tmp_path):
    page = _upload(browser, app_url, corrupt_pdf, tmp_path, "bad")
    page.get_by_text("damaged", exact=False).first.wait_for(timeout=60_000)
    body = page.inner_text("body")
    assert "Traceback" not in body
    page.close()
