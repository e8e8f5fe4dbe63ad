"""Make the README's screenshots: the report in English and in Chinese, the lawyers' queue and the
batch table, from the real app on 127.0.0.1 in Debian's headless Chromium (Playwright).

    .venv/bin/python docs/screenshots.py            # writes docs/screenshots/*.png

Needs `chromium` and, for readable Chinese and the severity icons, `fonts-wqy-zenhei` and
`fonts-noto-color-emoji` (apt). Uses the project's own evaluation contracts (eval/creator-fresh)
and a throw-away data directory; nothing is sent anywhere.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
OUT = PROJECT / "docs" / "screenshots"
CONTRACTS = PROJECT / "eval" / "creator-fresh"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _seed_cases(data: Path) -> None:
    """A few cases in the store, screened by the real engine, for the queue screenshot."""
    os.environ["CONTRACT_GUARD_DATA"] = str(data)
    os.environ.pop("DATABASE_URL", None)
    from contract_guard.desk.service import open_desk
    from contract_guard.desk.views import CaseForm
    from contract_guard.pipeline import screen

    desk = open_desk(notifier_interval=None)
    desk.accounts.create_user("li.lawyer", "a long lawyer password", "lawyer")
    today = date.today()
    for name, days, lang in [("FZ-01.pdf", 3, "zh"), ("FE-02.pdf", 10, "en"), ("FZ-04.pdf", None, "zh"),
                             ("FE-05.pdf", 5, "en"), ("FZ-07.pdf", 20, "zh")]:
        path = CONTRACTS / name
        desk.submit(screen(path), path.read_bytes(), name, CaseForm(
            name="—", contact="creator@example.org", questions="Is this fair?", consent=True, language=lang,
            deadline=today + timedelta(days=days) if days else None))


def main() -> int:
    if CHROMIUM is None:
        print("error: Debian chromium is not installed", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="cg-shots-"))
    _seed_cases(data)
    port = _free_port()
    env = {**os.environ, "CONTRACT_GUARD_DATA": str(data), "CONTRACT_GUARD_VECTOR": "off"}
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(PROJECT / "app.py"),
                               "--server.port", str(port), "--server.address", "127.0.0.1",
                               "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                              cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.3)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for lang, locale, contract in [("en", "en-US", "FE-01.pdf"), ("zh", "zh-CN", "FZ-01.pdf")]:
                page = browser.new_page(locale=locale, viewport={"width": 1100, "height": 1500})
                page.goto(url, wait_until="domcontentloaded")
                page.locator("input[type=file]").first.set_input_files(str(CONTRACTS / contract))
                page.locator("[data-testid=stMetric]").first.wait_for(timeout=120_000)
                page.locator("[data-testid=stExpander]").first.wait_for(timeout=60_000)
                time.sleep(1.5)
                page.screenshot(path=str(OUT / f"report-{lang}.png"))
                page.close()

            page = browser.new_page(locale="en-US", viewport={"width": 1300, "height": 700})
            page.goto(f"{url}/login", wait_until="domcontentloaded")
            page.get_by_label("User name").fill("li.lawyer")
            page.get_by_label("Password", exact=True).fill("a long lawyer password")
            page.get_by_role("button", name="Log in").click()
            page.get_by_role("heading", name="Case queue").wait_for(timeout=30_000)
            page.locator("[data-testid=stDataFrame]").wait_for(timeout=30_000)
            time.sleep(1.5)
            page.screenshot(path=str(OUT / "queue.png"))
            page.close()

            page = browser.new_page(locale="en-US", viewport={"width": 1700, "height": 760})
            page.goto(f"{url}/batch", wait_until="domcontentloaded")
            files = [CONTRACTS / n for n in ("FE-01.pdf", "FE-02.docx", "FE-03.pdf", "FZ-02.pdf", "FZ-05.docx",
                                             "FE-09.pdf")]
            broken = data / "scanned-copy.pdf"
            broken.write_bytes(b"%PDF-1.7\n" + os.urandom(3000))
            page.locator("input[type=file]").first.set_input_files([str(f) for f in files] + [str(broken)])
            page.locator("[data-testid=stDataFrame]").wait_for(timeout=300_000)
            time.sleep(2)
            page.screenshot(path=str(OUT / "batch.png"))
            page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)
    for png in sorted(OUT.glob("*.png")):
        print(f"wrote {png.relative_to(PROJECT)} ({png.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
