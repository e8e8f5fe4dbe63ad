"""Money in plain numbers: amounts (amounts, numerals), the deal's money from the creator's side (deal),
each finding's exposure and the summary's money line (exposure, explain)."""
from .amounts import Quantity, find_quantities
from .deal import MoneyItem, MoneyPicture, read_money
from .exposure import attach_exposures, money_summary

__all__ = ["MoneyItem", "MoneyPicture", "Quantity", "attach_exposures", "find_quantities", "money_summary", "read_money"]
