"""Retrieval: propose candidate patterns per clause (vector + lexical, fused)."""
