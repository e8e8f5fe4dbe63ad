"""Typed data the desk hands to pages and commands (pydantic; no ORM object leaves the repository)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from ..models import Report

Status = Literal["new", "in_review", "advised", "closed"]
Role = Literal["lawyer", "admin"]
Decision = Literal["confirmed", "dismissed", "edited"]


class CaseForm(BaseModel):
    """What a creator fills in to send a screened contract to the legal service team."""

    name: str = Field(max_length=200)
    contact: str = Field(max_length=200)
    questions: str = Field(max_length=5000)
    deadline: date | None = None
    consent: bool = False
    language: Literal["zh", "en"] = "zh"


class NewCase(BaseModel):
    number: str
    token: str  # shown to the creator once; only its digest is stored


class CreatorView(BaseModel):
    """What the creator's secret token shows: status and advice, nothing about other cases."""

    number: str
    status: Status
    created_at: datetime
    deadline: date | None
    risk_level: str
    filename: str
    advice: str
    advised_at: datetime | None


class QueueRow(BaseModel):
    number: str
    status: Status
    risk_level: str
    risk_score: int
    deal_type: str
    deadline: date | None
    created_at: datetime
    lawyer: str | None
    filename: str


class Review(BaseModel):
    finding_index: int
    decision: Decision
    note: str = ""
    edited_text: str = ""
    username: str
    updated_at: datetime


class CaseDetail(QueueRow):
    name: str
    contact: str
    questions: str
    language: str
    report: Report
    reviews: dict[int, Review]
    advice: str
    advised_at: datetime | None


class User(BaseModel):
    id: int
    username: str
    role: Role
    active: bool


class AuditRecord(BaseModel):
    at: datetime
    actor: str
    case_number: str | None
    action: str
    detail: str


class NotificationRecord(BaseModel):
    id: int
    case_number: str
    event: str
    channel: str
    payload: str
    status: Literal["pending", "sent", "failed"]
    attempts: int
    next_at: datetime
    last_error: str
    created_at: datetime
