"""The app in a real browser: a real Streamlit server on 127.0.0.1, real headless Chromium
(Debian's, driven by Playwright), a real PDF uploaded through the file input; then the legal
service desk end to end: send the case, a lawyer logs in and advises, the creator's link shows it.

In CI (CONTRACT_GUARD_CI=1, set by .ci/run) a missing browser fails these tests instead of skipping."""
from __future__ import annotations

import os
import re
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


LAWYER, LAWYER_PASSWORD = "li.lawyer", "a long lawyer password"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    port = _free_port()
    env = {**os.environ, "CONTRACT_GUARD_DATA": str(tmp_path_factory.mktemp("app-data"))}
    env.pop("DATABASE_URL", None)
    # the first account, made the way an operator makes it
    made = subprocess.run([sys.executable, "-m", "contract_guard.cli", "admin", "create-user", LAWYER,
                           "--password-stdin"], input=LAWYER_PASSWORD + "\n", env=env, cwd=PROJECT,
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
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
        if os.environ.get("CONTRACT_GUARD_CI"):
            pytest.fail("Debian chromium is missing in CI (.ci/run installs it)")
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
    assert "personally guarantees all obligations" in body  # a critical finding's clause, quoted from the PDF itself
    page.screenshot(path=str(Path(os.environ.get("CG_SHOT_DIR", tmp_path)) / "report.png"), full_page=True)
    page.close()


def test_a_corrupt_file_gets_a_clear_message_not_a_traceback(browser, app_url, corrupt_pdf, tmp_path):
    page = _upload(browser, app_url, corrupt_pdf, tmp_path, "bad")
    page.get_by_text("damaged", exact=False).first.wait_for(timeout=60_000)
    body = page.inner_text("body")
    assert "Traceback" not in body
    page.close()


def test_send_a_case_a_lawyer_advises_and_the_creator_reads_it(browser, app_url, en_pdf, tmp_path):
    # the creator screens a PDF and sends it to the legal service team
    creator = _upload(browser, app_url, en_pdf, tmp_path, "desk")
    creator.get_by_text("Download", exact=False).first.wait_for(timeout=90_000)
    assert "personally guarantees all obligations" in creator.inner_text("body")
    creator.get_by_label("How can a lawyer reach you (phone, e-mail, WeChat)").fill("jamie@example.org")
    creator.get_by_label("What do you want to know").fill("Can I keep the rights to my earlier videos?")
    creator.get_by_text("I agree that the contract, its report and my answers are stored").click()
    creator.get_by_role("button", name="Send the case").click()
    creator.get_by_text("has been sent to the legal service team").wait_for(timeout=30_000)
    number = re.search(r"CG-\d{4}-[A-Z0-9]{6}", creator.inner_text("body")).group(0)
    link = creator.get_by_role("link", name="Open my case").get_attribute("href")
    assert "token=" in link
    creator.close()

    # a lawyer logs in, claims the case from the queue and writes the advice
    lawyer = browser.new_page(locale="en-US", viewport={"width": 1400, "height": 1600})
    lawyer.goto(f"{app_url}/login", wait_until="domcontentloaded")
    lawyer.get_by_label("User name").fill(LAWYER)
    lawyer.get_by_label("Password", exact=True).fill(LAWYER_PASSWORD)
    lawyer.get_by_role("button", name="Log in").click()
    lawyer.get_by_role("heading", name="Case queue").wait_for(timeout=30_000)
    # the queue's table holds the case (the most urgent one is picked: claiming it opens it below)
    lawyer.locator("[data-testid=stDataFrame] td", has_text=number).first.wait_for(state="attached", timeout=30_000)
    lawyer.get_by_role("button", name="Claim").click()
    lawyer.get_by_role("heading", name=f"Case {number}").wait_for(timeout=30_000)
    lawyer.get_by_text("In review").first.wait_for(timeout=30_000)
    advice = "Strike clause 3 before signing: license only the two monthly videos."
    lawyer.get_by_label("The advice the creator will see").fill(advice)
    lawyer.get_by_label("The advice the creator will see").press("Control+Enter")
    lawyer.get_by_role("button", name="Save advice and tell the creator").click()
    lawyer.get_by_text("Advised at").wait_for(timeout=30_000)
    lawyer.close()

    # the creator's secret link shows the advice
    page = browser.new_page(locale="en-US", viewport={"width": 1280, "height": 1400})
    page.goto(f"{app_url}/{link}", wait_until="domcontentloaded")
    page.get_by_text(advice).wait_for(timeout=30_000)
    page.get_by_role("heading", name=f"Case {number}").wait_for(timeout=30_000)
    page.get_by_text("Advised", exact=True).wait_for(timeout=30_000)  # the status
    page.close()
