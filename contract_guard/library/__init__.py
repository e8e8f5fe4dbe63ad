"""The clause library: pattern format, loading, and self-checks."""
from .loader import Library, content_hash, load_library
from .schema import MissingCheck, Pattern

__all__ = ["Library", "MissingCheck", "Pattern", "content_hash", "load_library"]
