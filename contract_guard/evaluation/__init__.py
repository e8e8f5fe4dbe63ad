"""`contract-guard eval DIR`: accuracy on a labelled folder (CUAD layout or the creator set)."""
