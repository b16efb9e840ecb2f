"""Wire schemas of message attachments (resumable uploads); see docs/api.md, Attachments."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from whitephone.protocol import Strict

MediaType = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, max_length=100,
                                             pattern=r"^[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*$")]


class NewUpload(Strict):
    length: int = Field(ge=1, le=2**40)  # the whole file, in bytes
    name: str | None = Field(default=None, min_length=1, max_length=255, pattern=r"^[^\x00-\x1f/\\]+$")
    content_type: MediaType | None = None  # checked against the bytes; omitted: taken from the bytes


class Upload(BaseModel):
    id: int
    length: int
    offset: int  # bytes received so far: the next PATCH starts here
    finished: bool
    content_type: str | None  # known once the upload is complete
    name: str | None
    created: float


class AttachmentLimit(Strict):
    """A company's attachment settings. In a PUT, a setting left out (or null) keeps its value."""

    max_bytes: int = Field(ge=1, le=2**31)  # one attachment
    user_quota_bytes: int | None = Field(default=None, ge=1, le=2**50)  # all of one user's attachments
    max_open_uploads: int | None = Field(default=None, ge=1, le=1000)  # one user's unfinished uploads
