"""Wire schemas of the directory (`GET /api/v1/directory`); see docs/api.md, Directory and contacts."""

from __future__ import annotations

from pydantic import BaseModel


class NameCard(BaseModel):
    """A user of another company as the directory shows them: a name to send a contact request to,
    never their e-mail address, permissions or last sign-in."""

    id: int
    company_id: int
    name: str
