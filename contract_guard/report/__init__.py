"""Report assembly and renderers (json, md, html)."""
