"""`guildbot members import FILE.csv`: load the organisation's directory, idempotently by e-mail.

Columns: name, email, department, title, timezone, skills (";"-separated), communities
(";"-separated slugs or names). Re-importing updates people, never duplicates them. Each bad
row is reported with its line number and reason, and the rest are still imported. Work is
committed in chunks so a 50,000-row file neither holds one huge transaction nor all of its
rows in memory at once.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from guildbot.bot.clock import Clock
from guildbot.bot.context import UserError
from guildbot.bot.lookup import find_timezone
from guildbot.bot.rich import say
from guildbot.bot.text import clean_field
from guildbot.matching.skills import MatchKind, SkillMatch, SkillVocabulary, skill_key
from guildbot.storage.engine import Database
from guildbot.storage.models import Role
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.directory_import import (
    IN_LIST,
    DirectoryImportRepository,
    MemberColumns,
    NewMember,
)
from guildbot.storage.repositories.skills import SkillRepository

COLUMNS = ("name", "email", "department", "title", "timezone", "skills", "communities")
LIST_COLUMNS = ("skills", "communities")  # cells that hold lists
REQUIRED = ("name", "email")
CHUNK_ROWS = 2_000
# The local part may hold an apostrophe (o'brien@example.org is a real, valid address).
_EMAIL = re.compile(
    r"^[^@\s<>\",;\x00-\x1f\x7f]+@[^@\s<>\"',;\x00-\x1f\x7f]+\.[^@\s<>\"',;.\x00-\x1f\x7f]+$"
)
_READ_BLOCK = 1 << 20


class ImportFileError(Exception):
    """The file cannot be imported at all (missing, unreadable, wrong header)."""


@dataclass(frozen=True, slots=True)
class DirectoryRow:
    """One valid row, cleaned."""

    line: int
    name: str
    email: str
    department: str | None
    title: str | None
    timezone: str | None
    skills: tuple[str, ...]
    communities: tuple[int, ...]


@dataclass
class ImportReport:
    """What an import did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    new_skills: set[str] = field(default_factory=set)
    corrected_skills: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        """Counts first, then each rejected row."""
        lines = [
            f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
            f"rejected {len(self.rejected)}"
        ]
        if self.corrected_skills:
            fixes = ", ".join(f"{a!r} -> {b}" for a, b in sorted(self.corrected_skills.items()))
            lines.append(f"skills read as their closest known spelling: {fixes}")
        if self.new_skills:
            lines.append(
                "new skills added to the vocabulary: " + ", ".join(sorted(self.new_skills))
            )
        lines += [f"line {line}: {reason}" for line, reason in self.rejected]
        return "\n".join(lines)


class DirectoryImporter:
    """Reads a directory CSV and upserts members, departments, skills and memberships."""

    def __init__(self, database: Database, clock: Clock, default_timezone: str) -> None:
        self.database = database
        self.clock = clock
        self.default_timezone = default_timezone

    async def import_file(self, path: Path, actor_member_id: int | None = None) -> ImportReport:
        """Import `path`. Raises `ImportFileError` when the file as a whole is unusable.

        The whole file is checked to be UTF-8 text before anything is written, so a file
        saved in another encoding changes nothing rather than half of the directory.
        """
        _check_text_file(path)
        report = ImportReport()
        state = await self._load_state()
        seen_emails: dict[str, int] = {}
        try:
            handle = path.open(newline="", encoding="utf-8-sig")
        except OSError as error:
            raise ImportFileError(_os_problem(path, error)) from None
        with handle:
            for chunk in _chunks(_read_rows(path, handle), CHUNK_ROWS):
                rows: list[DirectoryRow] = []
                for line, raw in chunk:
                    try:
                        row, notes = self._validate(line, raw, state)
                    except UserError as error:
                        report.rejected.append((line, error.words))
                        continue
                    if row.email in seen_emails:
                        report.rejected.append(
                            (line, f"same e-mail as line {seen_emails[row.email]}")
                        )
                        continue
                    seen_emails[row.email] = line
                    self._accept(notes, state, report)
                    rows.append(row)
                async with self.database.transaction() as session:
                    # IN_LIST is looked up in this module at each chunk: a test shrinks it here.
                    repository = DirectoryImportRepository(session, IN_LIST)
                    await self._write(repository, rows, state, report)
        async with self.database.transaction() as session:
            await AuditLog(session).record(
                self.clock.now(),
                actor_member_id,
                "members.import",
                "directory",
                None,
                {
                    "created": report.created,
                    "updated": report.updated,
                    "rejected": len(report.rejected),
                },
            )
        return report

    async def _load_state(self) -> _State:
        async with self.database.transaction() as session:
            repository = DirectoryImportRepository(session)
            departments = {
                name.casefold(): did for name, did in (await repository.department_ids()).items()
            }
            communities: dict[str, int] = {}
            for community in await repository.communities():
                communities[community.slug.casefold()] = community.id
                communities[community.name.casefold()] = community.id
            vocabulary = SkillVocabulary(await SkillRepository(session).vocabulary())
            skill_ids = await repository.skill_ids()
        return _State(departments, communities, vocabulary, skill_ids)

    def _validate(
        self, line: int, raw: dict[str, str] | None, state: _State
    ) -> tuple[DirectoryRow, _SkillNotes]:
        """The cleaned row, and what reading its skills would add to the vocabulary.

        Nothing is changed before the row is accepted: a rejected row adds no skill and
        reports no correction.
        """
        if raw is None:
            raise UserError(say("wrong number of columns for the header"))
        name = clean_field(raw.get("name") or "", "name", 120)
        email = (raw.get("email") or "").strip().lower()
        if not email:
            raise UserError(say("the e-mail is empty"))
        if len(email) > 254 or not _EMAIL.match(email):
            raise UserError(say("{email} is not an e-mail address", email=repr(email[:60])))
        department = _optional(raw.get("department"), "department", 120)
        title = _optional(raw.get("title"), "title", 120)
        zone_text = (raw.get("timezone") or "").strip()
        timezone = self._timezone(zone_text, state) if zone_text else None
        notes = _SkillNotes()
        skills = tuple(dict.fromkeys(self._skills(raw.get("skills") or "", state, notes)))
        communities: list[int] = []
        for typed in _split(raw.get("communities") or ""):
            community_id = state.communities.get(typed.casefold())
            if community_id is None:
                raise UserError(
                    say(
                        "unknown community {typed} (create it first with `community create`)",
                        typed=repr(typed[:60]),
                    )
                )
            communities.append(community_id)
        row = DirectoryRow(
            line,
            name,
            email,
            department,
            title,
            timezone,
            skills,
            tuple(dict.fromkeys(communities)),
        )
        return row, notes

    @staticmethod
    def _timezone(typed: str, state: _State) -> str:
        """`find_timezone`, remembered for the import: a directory repeats a few zones."""
        found = state.zones.get(typed)
        if found is None:
            try:
                found = find_timezone(typed)
            except UserError as error:
                found = error
            state.zones[typed] = found
        if isinstance(found, UserError):
            raise UserError(found.message)
        return found

    @staticmethod
    def _skills(text: str, state: _State, notes: _SkillNotes) -> Iterator[str]:
        for typed in _split(text):
            key = skill_key(typed)
            match = state.matches.get(key)
            if match is None:
                match = state.vocabulary.match(typed)
                state.matches[key] = match
            if match.kind is MatchKind.KNOWN and match.canonical:
                yield match.canonical
            elif match.kind is MatchKind.SUGGESTION:
                # No one to ask during a bulk import: take the closest known skill and say so.
                notes.corrected[typed] = match.suggestions[0]
                yield match.suggestions[0]
            elif match.kind is MatchKind.NEW:
                notes.new.append(match.key)
                yield match.key
            else:
                raise UserError(say("{typed} is not a usable skill name", typed=repr(typed[:60])))

    @staticmethod
    def _accept(notes: _SkillNotes, state: _State, report: ImportReport) -> None:
        """An accepted row's new skills join the vocabulary; its corrections are reported."""
        report.corrected_skills.update(notes.corrected)
        for key in notes.new:
            report.new_skills.add(key)
            state.vocabulary.add(key)
            state.matches[key] = SkillMatch(key, MatchKind.KNOWN, key, canonical=key)

    async def _write(
        self,
        repository: DirectoryImportRepository,
        rows: Sequence[DirectoryRow],
        state: _State,
        report: ImportReport,
    ) -> None:
        if not rows:
            return
        now = self.clock.now()
        await self._ensure_departments(repository, rows, state)
        await self._ensure_skills(repository, rows, state, now)
        existing = await repository.members_by_email([row.email for row in rows])
        new_rows: list[NewMember] = []
        updates: list[MemberColumns] = []
        for row in rows:
            department_id = state.departments[row.department.casefold()] if row.department else None
            member = existing.get(row.email)
            if member is None:
                new_rows.append(
                    {
                        "display_name": row.name,
                        "department_id": department_id,
                        "title": row.title,
                        "timezone": row.timezone or self.default_timezone,
                        "email": row.email,
                        "locale": "en",
                        "available": True,
                        "is_admin": False,
                        "created_at": now,
                    }
                )
                continue
            # A blank cell keeps what we had.
            values = MemberColumns(
                member.id,
                row.name,
                member.department_id if department_id is None else department_id,
                member.title if row.title is None else row.title,
                member.timezone if row.timezone is None else row.timezone,
            )
            if values != member:
                updates.append(values)
        member_ids = {email: member.id for email, member in existing.items()}
        member_ids.update(await repository.add_members(new_rows))
        await repository.update_members(updates)
        changed_links = await self._link(repository, rows, member_ids, state, now)
        report.created += len(new_rows)
        updated_ids = {u.id for u in updates} | changed_links
        existing_ids = {member.id for member in existing.values()}
        report.updated += len(updated_ids & existing_ids)
        report.unchanged += len(existing_ids - updated_ids)

    async def _ensure_departments(
        self, repository: DirectoryImportRepository, rows: Sequence[DirectoryRow], state: _State
    ) -> None:
        missing = {
            row.department.casefold(): row.department
            for row in rows
            if row.department and row.department.casefold() not in state.departments
        }
        if missing:
            added = await repository.add_departments(missing.values())
            state.departments.update({name.casefold(): did for name, did in added.items()})

    async def _ensure_skills(
        self,
        repository: DirectoryImportRepository,
        rows: Sequence[DirectoryRow],
        state: _State,
        now: datetime,
    ) -> None:
        missing = {s for row in rows for s in row.skills if s not in state.skill_ids}
        if missing:
            state.skill_ids.update(await repository.add_skills(sorted(missing), now))

    async def _link(
        self,
        repository: DirectoryImportRepository,
        rows: Sequence[DirectoryRow],
        member_ids: dict[str, int],
        state: _State,
        now: datetime,
    ) -> set[int]:
        """Add declared skills and memberships the file names and the database lacks.

        Nothing is removed: members may have declared more themselves, or joined on their own.
        Returns the ids of members who gained something.
        """
        ids = list(member_ids.values())
        have_skills = await repository.member_skill_pairs(ids)
        have_memberships = await repository.membership_pairs(ids)
        new_skills: list[tuple[int, int]] = []
        new_memberships: list[tuple[int, int]] = []
        gained: set[int] = set()
        for row in rows:
            member_id = member_ids[row.email]
            for skill in row.skills:
                skill_id = state.skill_ids[skill]
                if (member_id, skill_id) not in have_skills:
                    new_skills.append((member_id, skill_id))
                    gained.add(member_id)
            for community_id in row.communities:
                if (member_id, community_id) not in have_memberships:
                    new_memberships.append((member_id, community_id))
                    gained.add(member_id)
        await repository.add_member_skills(new_skills, now)
        await repository.add_memberships(new_memberships, Role.MEMBER, now)
        return gained


@dataclass
class _State:
    departments: dict[str, int]
    communities: dict[str, int]
    vocabulary: SkillVocabulary
    skill_ids: dict[str, int]
    matches: dict[str, SkillMatch] = field(default_factory=dict)
    zones: dict[str, str | UserError] = field(default_factory=dict)


@dataclass
class _SkillNotes:
    """What one row's skills would change: typos read as known skills, and new skills."""

    corrected: dict[str, str] = field(default_factory=dict)
    new: list[str] = field(default_factory=list)


def _check_text_file(path: Path) -> None:
    """Raise `ImportFileError` unless `path` is a readable file of UTF-8 text."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 0
    try:
        with path.open("rb") as handle:
            while block := handle.read(_READ_BLOCK):
                nul = block.find(b"\0")
                try:
                    decoder.decode(block)
                except UnicodeDecodeError as error:
                    # The error's bytes may start with the end of the previous block.
                    offset = error.start - (len(error.object) - len(block))
                    if nul < 0 or offset < nul:
                        line = lines + block[: max(offset, 0)].count(b"\n") + 1
                        raise ImportFileError(
                            f"{path}: line {line} is not UTF-8 text (save the file as CSV UTF-8)"
                        ) from None
                if nul >= 0:
                    line = lines + block[:nul].count(b"\n") + 1
                    raise ImportFileError(
                        f"{path}: line {line} holds a NUL byte: not CSV text (UTF-16 or a binary "
                        "file? save it as CSV UTF-8)"
                    )
                lines += block.count(b"\n")
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise ImportFileError(
            f"{path}: the file ends in the middle of a character: it is not UTF-8 text"
        ) from None
    except OSError as error:
        raise ImportFileError(_os_problem(path, error)) from None


def _os_problem(path: Path, error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return f"{path}: no such file"
    if isinstance(error, IsADirectoryError):
        return f"{path}: is a directory, not a CSV file"
    if isinstance(error, PermissionError):
        return f"{path}: permission denied"
    return f"{path}: cannot read the file ({error.strerror or error})"


def _read_rows(path: Path, handle: Any) -> Iterator[tuple[int, dict[str, str] | None]]:
    """(line where the row starts, its values by column); None for a wrong column count.

    Comma- or semicolon-separated, as the header line shows (spreadsheets in French and other
    locales save CSV with semicolons). In a semicolon file, lists within a cell (skills,
    communities) may be separated by commas."""
    try:
        first_line = handle.readline()
        handle.seek(0)
    except (UnicodeDecodeError, OSError):
        first_line = ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(handle, delimiter=delimiter)
    try:
        first = next(reader, None)
        header = tuple(name.strip().casefold() for name in first or ())
        missing = [column for column in REQUIRED if column not in header]
        if missing:
            raise ImportFileError(
                f"{path}: the first line must name the columns "
                + ", ".join(COLUMNS)
                + f" (missing: {', '.join(missing)})"
            )
        end = reader.line_num
        for values in reader:
            # A quoted value may span lines: report the line where the row starts.
            start, end = end + 1, reader.line_num
            if not values:
                continue  # a blank line
            if len(values) != len(header):
                yield start, None
                continue
            row = dict(zip(header, values, strict=True))
            if delimiter == ";":
                for column in LIST_COLUMNS:
                    if column in row:
                        row[column] = row[column].replace(",", ";")
            yield start, row
    except (UnicodeDecodeError, csv.Error) as error:
        raise ImportFileError(f"{path}: not a readable CSV file ({error})") from None
    except OSError as error:
        raise ImportFileError(_os_problem(path, error)) from None


def _chunks(
    rows: Iterator[tuple[int, dict[str, str] | None]], size: int
) -> Iterator[list[tuple[int, dict[str, str] | None]]]:
    chunk: list[tuple[int, dict[str, str] | None]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _optional(value: str | None, label: str, limit: int) -> str | None:
    return clean_field(value, label, limit) if value and value.strip() else None
