"""Deciding: rules, deal type, missing protections, the engine."""
