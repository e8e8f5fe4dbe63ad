"""The legal service desk: cases sent by creators, triaged and advised by volunteer lawyers.

    tables.py      SQLAlchemy models            migrations/   Alembic, applied at start-up (db.py)
    repository.py  the only SQL                 files.py      case files under the data directory
    accounts.py    argon2 logins, sessions      notify.py     robots, webhook, e-mail, with retries
    workflow.py    statuses, urgency            service.py    the API pages and commands call
"""
