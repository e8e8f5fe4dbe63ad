"""The command line, run as a real subprocess: formats, batches, bad input, exit codes."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "contract_guard.cli"]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    e = dict(os.environ)
    e["CONTRACT_GUARD_DATA"] = str(tmp_path_factory.mktemp("cli-data"))
    e.pop("CHROMA_HOST", None)
    return e


def run(args, env, **kw):
    return subprocess.run(CLI + [str(a) for a in args], env=env, capture_output=True, text=True, timeout=300, **kw)


def test_batch_goes_on_past_bad_files_and_names_them(env, tmp_path, en_pdf, zh_pdf, docx_file, corrupt_pdf,
                                                     encrypted_pdf, image_only_pdf, empty_file, report_validator):
    inbox = tmp_path / "in"
    inbox.mkdir()
    for f in (en_pdf, zh_pdf, docx_file, corrupt_pdf, encrypted_pdf, image_only_pdf):
        shutil.copy(f, inbox / f.name)
    shutil.copy(empty_file, inbox / "empty.txt")
    out = tmp_path / "out"
    proc = run(["scan", inbox, "--format", "json", "--out", out, "--quiet"], env)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(f"{Path(f).stem}.json" for f in (en_pdf, zh_pdf, docx_file, image_only_pdf))
    for p in out.iterdir():
        assert not list(report_validator.iter_errors(json.loads(p.read_text(encoding="utf-8"))))
    failed = [line for line in proc.stderr.splitlines() if line.startswith("failed:")]
    assert len(failed) == 3
    reasons = "\n".join(failed)
    assert corrupt_pdf.name in reasons and "damaged" in reasons
    assert encrypted_pdf.name in reasons and "password" in reasons
    assert image_only_pdf.name not in reasons  # a scan is read by OCR now
    assert json.loads((out / f"{image_only_pdf.stem}.json").read_text(encoding="utf-8"))["document"]["ocr"] is True
    assert "empty.txt" in reasons and "empty" in reasons
    assert "4/7 screened, 3 failed" in proc.stderr


def _comparable(report: dict) -> dict:
    report.pop("timings_ms", None)
    report.get("tool", {}).pop("timings_ms", None)
    return report


def test_a_batch_in_several_processes_gives_the_same_reports_in_order(env, tmp_path, en_pdf, zh_pdf, docx_file,
                                                                      corrupt_pdf):
    """`--jobs 3` (forked workers sharing the loaded library) writes exactly what one process writes,
    and a bad file fails the same way."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    for f in (en_pdf, zh_pdf, docx_file, corrupt_pdf):
        shutil.copy(f, inbox / f.name)
    outs = {}
    for jobs in (1, 3):
        out = tmp_path / f"out{jobs}"
        proc = run(["scan", inbox, "--format", "json", "--out", out, "--quiet", "--jobs", jobs], env)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        assert [line for line in proc.stderr.splitlines() if line.startswith("failed:")] == [
            line for line in proc.stderr.splitlines() if corrupt_pdf.name in line and line.startswith("failed:")]
        assert "3/4 screened, 1 failed" in proc.stderr
        outs[jobs] = {p.name: _comparable(json.loads(p.read_text(encoding="utf-8"))) for p in out.iterdir()}
    assert len(outs[1]) == 3 and outs[1] == outs[3]


def test_all_good_exits_zero_and_writes_each_format(env, tmp_path, en_pdf, zh_pdf):
    for fmt, marker in (("md", "#"), ("html", "<html"), ("json", '"schema_version"')):
        out = tmp_path / fmt
        proc = run(["scan", en_pdf, zh_pdf, "--format", fmt, "--out", out, "--quiet"], env)
        assert proc.returncode == 0, proc.stderr
        files = sorted(out.iterdir())
        assert [p.suffix for p in files] == [f".{fmt}"] * 2
        assert all(marker in p.read_text(encoding="utf-8") for p in files)
    zh_md = (tmp_path / "md" / f"{zh_pdf.stem}.md").read_text(encoding="utf-8")
    assert "严重" in zh_md


def test_single_file_prints_to_stdout(env, en_pdf, report_validator):
    proc = run(["scan", en_pdf, "--format", "json"], env)
    assert proc.returncode == 0, proc.stderr
    assert not list(report_validator.iter_errors(json.loads(proc.stdout)))


def test_password_opens_a_protected_pdf(env, encrypted_pdf):
    assert run(["scan", encrypted_pdf, "--format", "json"], env).returncode == 1
    proc = run(["scan", encrypted_pdf, "--format", "json", "--password", "secret"], env)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("args", [[], ["scan"], ["scan", "x.pdf", "--format", "pdf"], ["frobnicate"]])
def test_usage_errors_exit_two(env, args):
    assert run(args, env).returncode == 2


def test_several_inputs_need_an_out_folder(env, en_pdf, zh_pdf):
    proc = run(["scan", en_pdf, zh_pdf], env)
    assert proc.returncode == 2 and "--out" in proc.stderr


def test_missing_path_and_unsupported_type(env, tmp_path, exe_file):
    proc = run(["scan", tmp_path / "nope.pdf", exe_file, "--format", "json", "--out", tmp_path / "o"], env)
    assert proc.returncode == 1
    assert "no such file" in proc.stderr and "Unsupported file type" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_library_check_passes(env):
    proc = run(["library", "check"], env)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert " 0 failed, 0 problems" in proc.stdout


def test_scan_of_a_photo_prints_ocr_progress(env, tmp_path):
    """A single photo: OCR progress page by page on stderr, the report on stdout, OCR recorded in it."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from fixture_texts import EN_CONTRACT
    from scan_fixtures import page_image, photo_like

    photo = tmp_path / "contract-photo.jpg"
    photo.write_bytes(photo_like(page_image(EN_CONTRACT[1])))
    proc = run(["scan", photo, "--format", "json"], env)
    assert proc.returncode == 0, proc.stderr
    assert "contract-photo.jpg: OCR page 1/1" in proc.stderr
    document = json.loads(proc.stdout)["document"]
    assert document["ocr"] is True and document["ocr_pages"][0]["page"] == 1
