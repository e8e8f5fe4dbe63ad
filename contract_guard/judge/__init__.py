"""Judgement: which text is a clause, the learned decision layer over the rules' evidence, severity in context."""
