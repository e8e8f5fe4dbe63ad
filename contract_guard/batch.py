"""Screen many contracts at once (incubator managers) and compare them.

    rows = screen_batch([(name, data), …], screen)     # a bad file is a row that says why
    to_csv(rows, "zh"); to_xlsx(rows, "en"); reports_zip(rows)

`screen` is `pipeline.screen` (or a Screener's); a ContractGuardError becomes the row's error in
both languages, so one broken file never stops the batch.
"""
from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable
from pathlib import PurePath

from pydantic import BaseModel

from .errors import ContractGuardError
from .models import SEVERITY_ORDER, Report
from .report.i18n import deal_type_name, risk_name, t
from .report.render import render
from .report.render_markdown import sorted_findings


class BatchRow(BaseModel):
    filename: str
    report: Report | None = None
    error_en: str = ""
    error_zh: str = ""

    @property
    def ok(self) -> bool:
        return self.report is not None

    def error(self, lang: str) -> str:
        return self.error_zh if lang == "zh" else self.error_en

    def report_name(self, fmt: str = "html") -> str:
        return f"{PurePath(self.filename).stem or 'contract'}.contract-guard.{fmt}"


def screen_batch(files: Iterable[tuple[str, bytes]], screen: Callable[..., Report],
                 progress: Callable[[int, str], None] | None = None) -> list[BatchRow]:
    rows = []
    for i, (name, data) in enumerate(files):
        if progress:
            progress(i, name)
        try:
            rows.append(BatchRow(filename=name, report=screen(data, name)))
        except ContractGuardError as exc:
            rows.append(BatchRow(filename=name, error_en=exc.message("en"), error_zh=exc.message("zh")))
        except Exception:  # noqa: BLE001 - one broken file must not stop the batch
            rows.append(BatchRow(filename=name, error_en=t("ui.error_generic", "en"), error_zh=t("ui.error_generic", "zh")))
    return rows


COLUMNS = ("file", "risk", "score", "critical", "high", "deal", "error", "top3", "report")


def headers(lang: str) -> list[str]:
    return [t(f"batch.col_{c}", lang) for c in COLUMNS]


def table(rows: list[BatchRow], lang: str) -> list[dict]:
    """One dict per file, keyed by the column ids, in display language."""
    out = []
    for row in rows:
        r = row.report
        if r is None:
            out.append(dict(file=row.filename, risk="⚠️ " + t("batch.unreadable", lang), score=None, critical=None, high=None, deal="", top3="",
                            report="", error=row.error(lang), level_order=-1))
            continue
        counts = r.summary.counts
        top = list(dict.fromkeys(f.title for f in sorted_findings(r.findings)))[:3]  # three different issues
        out.append(dict(file=row.filename, risk=risk_name(r.summary.risk_level, lang), score=r.summary.risk_score,
                        critical=counts.get("critical", 0), high=counts.get("high", 0),
                        deal=deal_type_name(r.document.deal_type, lang), top3=t("punct.list_sep", lang).join(top),
                        report=row.report_name(), error="", level_order=SEVERITY_ORDER[r.summary.risk_level]))
    return out


def sort_rows(rows: list[BatchRow], by: str = "risk") -> list[BatchRow]:
    """Riskiest first (by level then score), or by file name."""
    if by == "file":
        return sorted(rows, key=lambda r: r.filename.lower())
    return sorted(rows, key=lambda r: (-(SEVERITY_ORDER[r.report.summary.risk_level] if r.report else -1),
                                       -(r.report.summary.risk_score if r.report else -1), r.filename.lower()))


def to_csv(rows: list[BatchRow], lang: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers(lang))
    for d in table(rows, lang):
        writer.writerow(["" if d[c] is None else d[c] for c in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # a BOM, so that Excel and WPS read UTF-8 Chinese


def to_xlsx(rows: list[BatchRow], lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = t("batch.sheet", lang)
    ws.append(headers(lang))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for d in table(rows, lang):
        ws.append([d[c] for c in COLUMNS])
    for column, width in zip("ABCDEFGHI", (28, 14, 8, 8, 8, 18, 40, 60, 34)):
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def reports_zip(rows: list[BatchRow], formats: tuple[str, ...] = ("html", "json", "docx")) -> bytes:
    """Every screened file's report in each format, plus errors.txt naming the files that failed."""
    out = io.BytesIO()
    used: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        errors = []
        for row in rows:
            if row.report is None:
                errors.append(f"{row.filename}: {row.error_en} / {row.error_zh}")
                continue
            for fmt in formats:
                name = row.report_name(fmt)
                while name in used:
                    name = "_" + name
                used.add(name)
                data = render(row.report, fmt)  # type: ignore[arg-type]
                z.writestr(name, data if isinstance(data, bytes) else data.encode("utf-8"))
        if errors:
            z.writestr("errors.txt", "\n".join(errors) + "\n")
    return out.getvalue()
