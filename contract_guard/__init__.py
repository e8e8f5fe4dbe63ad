"""contract-guard: screen a contract for terms that hurt creators.

    from contract_guard import screen
    report = screen("deal.pdf")            # offline by default
    print(report.summary.risk_level)
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "screen"]


def __getattr__(name: str):  # keep `import contract_guard` light: nothing slow at import time
    if name == "screen":
        from .pipeline import screen

        return screen
    raise AttributeError(name)
