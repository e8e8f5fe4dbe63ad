"""The whole contract as HTML with the risky clauses highlighted in place (for the lawyers' case view).

Contract text is escaped; only our own <mark> tags are added. Findings point into the document's
text by offsets (`Finding.clause.start` / `end`), so the highlight is exactly the quoted clause.
"""
from __future__ import annotations

import html

from ..models import Finding

MARK_COLOURS = {"critical": "#f5b7b1", "high": "#f8c471", "medium": "#f9e79f", "low": "#aed6f1"}


def highlighted_html(text: str, findings: list[Finding]) -> str:
    spans = sorted(((f.clause.start, f.clause.end, n, f) for n, f in enumerate(findings, 1)
                    if 0 <= f.clause.start < f.clause.end <= len(text)), key=lambda s: (s[0], -s[1]))
    out, pos = [], 0
    for start, end, n, f in spans:
        if start < pos:  # overlapping clause: already inside a highlight
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark title="{html.escape(f.title)}" style="background:{MARK_COLOURS[f.severity]}">'
                   f'<sup>[{n}]</sup>{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    body = "".join(out)
    return f'<div style="white-space:pre-wrap;font-size:0.9em;max-height:70vh;overflow-y:auto">{body}</div>'
