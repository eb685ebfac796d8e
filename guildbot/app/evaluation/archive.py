"""Read a Stack Exchange ``Posts.xml`` in one streaming pass.

Only what routing needs is kept (ids, owners, dates, title, body text, tags); each element is
cleared as soon as it is read, so memory holds the extracted fields and never the document
tree, and the file is read once. Problems become `ArchiveError` with one line to show.
"""

from __future__ import annotations

import html
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

MAX_FILE_BYTES = 2 * 1024**3  # 2 GiB: beyond this a replay would not fit in memory anyway
MAX_POSTS = 5_000_000
PROLOG_BYTES = 64 * 1024
_TAGS = re.compile(r"<([^<>]+)>")
_HTML_TAG = re.compile(r"<[^>]{0,500}>")


class ArchiveError(Exception):
    """The file cannot be used: the message is one line naming the file and the problem."""


@dataclass(frozen=True, slots=True)
class Question:
    """A question post."""

    id: int
    owner: int | None
    created: datetime | None
    title: str
    body: str
    tags: tuple[str, ...]
    accepted_answer_id: int | None


@dataclass(frozen=True, slots=True)
class Answer:
    """An answer post."""

    id: int
    parent_id: int
    owner: int | None
    body: str


@dataclass
class Archive:
    """The questions and answers of one file."""

    name: str
    questions: list[Question] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)


def plain_text(markup: str) -> str:
    """Text of an HTML post body: tags removed, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(_HTML_TAG.sub(" ", markup)).split())


def read_archive(path: Path) -> Archive:
    """Read questions and answers from `path` (streaming; raises `ArchiveError`)."""
    name = path.name
    try:
        size = os.path.getsize(path)
    except OSError as error:
        raise ArchiveError(f"{path}: cannot read it ({error.strerror or error})") from None
    if size > MAX_FILE_BYTES:
        raise ArchiveError(
            f"{path}: {size / 1024**3:.1f} GiB is too large (at most "
            f"{MAX_FILE_BYTES // 1024**3} GiB); split the archive"
        )
    _refuse_document_types(path)
    archive = Archive(name=name)
    posts = 0
    try:
        # DTDs (and so entity expansion) were refused above; expat resolves no external entities.
        context = ET.iterparse(path, events=("start", "end"))  # noqa: S314
        root: ET.Element | None = None
        for event, element in context:
            if event == "start":
                if root is None:
                    root = element
                continue
            if element.tag != "row":
                continue
            posts += 1
            if posts > MAX_POSTS:
                raise ArchiveError(f"{path}: more than {MAX_POSTS:,} posts; split the archive")
            _take(element.attrib, archive)
            element.clear()
            if root is not None:
                root.clear()  # drop the cleared rows the root still references
    except ET.ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise ArchiveError(f"{path}: not well-formed XML at line {line}, column {column}") from None
    except OSError as error:
        raise ArchiveError(f"{path}: cannot read it ({error.strerror or error})") from None
    except (ValueError, KeyError) as error:
        raise ArchiveError(f"{path}: a row has a missing or unusable value ({error})") from None
    if not archive.questions:
        raise ArchiveError(f'{path}: no question rows (PostTypeId="1"): not a Posts.xml file?')
    return archive


def _refuse_document_types(path: Path) -> None:
    """A Posts.xml never declares a DTD; one that does may hide an entity-expansion bomb."""
    try:
        with path.open("rb") as handle:
            prolog = handle.read(PROLOG_BYTES)
    except OSError as error:
        raise ArchiveError(f"{path}: cannot read it ({error.strerror or error})") from None
    start = prolog.find(b"<posts")
    head = prolog if start < 0 else prolog[:start]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise ArchiveError(f"{path}: declares a DTD; Posts.xml files have none, refusing it")


def _take(attributes: dict[str, str], archive: Archive) -> None:
    kind = attributes.get("PostTypeId")
    if kind == "1":
        archive.questions.append(
            Question(
                id=int(attributes["Id"]),
                owner=_int(attributes.get("OwnerUserId")),
                created=_date(attributes.get("CreationDate")),
                title=" ".join(html.unescape(attributes.get("Title", "")).split()),
                body=plain_text(attributes.get("Body", "")),
                tags=tuple(_TAGS.findall(html.unescape(attributes.get("Tags", "")))),
                accepted_answer_id=_int(attributes.get("AcceptedAnswerId")),
            )
        )
    elif kind == "2":
        parent = _int(attributes.get("ParentId"))
        if parent is None:
            return
        archive.answers.append(
            Answer(
                id=int(attributes["Id"]),
                parent_id=parent,
                owner=_int(attributes.get("OwnerUserId")),
                body=plain_text(attributes.get("Body", "")),
            )
        )


def _int(value: str | None) -> int | None:
    if value is None or not value.strip():
        return None
    return int(value)


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
