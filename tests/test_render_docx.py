"""The DOCX report, opened again with python-docx: the findings table and the counter-clauses are there."""
from __future__ import annotations

import io

import docx

from contract_guard.report.render import render
from contract_guard.report.render_docx import render_docx
from contract_guard.report.render_markdown import sorted_findings
from test_render import SCRIPT, en_report, zh_report


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_english_docx_has_a_findings_table_and_counter_clauses():
    report = en_report()
    document = _open(render(report, "docx"))
    assert document.paragraphs[0].text == "Contract risk screening report"
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["#", "Severity", "Issue", "The clause", "Why it matters",
                                                      "What to ask for instead"]
    findings = sorted_findings(report.findings)
    assert len(table.rows) == 1 + len(findings)
    for row, f in zip(table.rows[1:], findings):
        cells = [c.text for c in row.cells]
        assert cells[1] == {"critical": "Critical", "high": "High", "medium": "Medium", "low": "Low"}[f.severity]
        assert cells[2].startswith(f.title) and cells[3] == f.clause.text
        assert cells[4] == f.why and cells[5] == f.suggestion
    text = _all_text(document)
    assert "Counter-clauses to propose" in text
    for f in findings:
        if f.counter_clause:
            assert f.counter_clause in text
    for m in report.missing_protections:
        assert m.title in text
    assert SCRIPT in text  # contract text is kept as plain text, not interpreted


def test_chinese_docx_in_chinese_with_an_east_asian_font_and_extra_sections():
    report = zh_report()
    data = render_docx(report, extra=[("律师意见", ["建议删除第三条。"])])
    document = _open(data)
    text = _all_text(document)
    assert "合同风险筛查报告" in text and "风险条款" in text and "建议删除第三条。" in text
    assert report.findings[0].clause.text in text
    assert b"SimSun" in _styles_xml(data)
    # the user may ask for the other language
    assert "Contract risk screening report" in _all_text(_open(render_docx(report, "en")))


def _styles_xml(data: bytes) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml")


def test_the_cli_writes_docx_reports(tmp_path, en_pdf):
    import os
    import subprocess
    import sys

    env = {**os.environ, "CONTRACT_GUARD_DATA": str(tmp_path / "data")}
    cli = [sys.executable, "-m", "contract_guard.cli", "scan", str(en_pdf), "--format", "docx"]
    refused = subprocess.run(cli, env=env, capture_output=True, text=True, timeout=300)
    assert refused.returncode == 2 and "--out" in refused.stderr
    done = subprocess.run(cli + ["--out", str(tmp_path / "out"), "--quiet"], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    document = _open((tmp_path / "out" / f"{en_pdf.stem}.docx").read_bytes())
    assert "hereby irrevocably assigns" in _all_text(document)


def test_render_in_the_other_language_on_request():
    report = en_report()
    assert "合同风险筛查报告" in _all_text(_open(render(report, "docx", "zh")))
    assert "风险条款" in render(report, "md", "zh") and "风险条款" in render(report, "html", "zh")
    assert "Risky clauses" in render(report, "md")
