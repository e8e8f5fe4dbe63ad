"""Optional LLM review of the offline findings (off by default).

Only candidates leave the machine: the clauses of the offline findings and of the near-misses
(with the pattern's description, the deal type and which party the creator is), redacted first.
Any OpenAI-compatible endpoint works through `langchain-openai`:

    settings -> candidates -> redact -> (cache | LLM, structured output) -> quote check -> apply

Failure is never loss: whatever goes wrong, the offline findings stand and the report says why.
"""
