"""`guildbot members import` of a generated 50,000-row directory, on SQLite and PostgreSQL.

The script writes a realistic CSV into a temporary directory (fixed seed: ~20 departments of
Zipf-like sizes, plausible unique names and e-mails, IANA time zones, 1-4 skills per row mixing
canonical names, aliases and a few typos, 0-2 of 3 communities it creates first, and a handful
of bad rows), then, for each backend in its own process (so the peak RSS is that backend's
alone), builds the app with `guildbot.app.build.build` on a fresh database, times the first
import and a second, idempotent re-import of the same file, and prints one table.

SQLite always runs, on a new file. PostgreSQL runs when `--postgres URL` is given or
GUILDBOT_TEST_DATABASE_URL is set: the script creates its own database there and drops it
afterwards.

    .venv/bin/python benchmarks/import_directory.py
    .venv/bin/python benchmarks/import_directory.py --rows 50000 \
        --postgres postgresql+asyncpg://postgres@127.0.0.1:5432/test

Target (issue 7): the first import of 50,000 rows in under 60 s on SQLite.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from guildbot.app.build import build
from guildbot.bot.clock import SystemClock
from guildbot.bot.config import Settings
from guildbot.bot.features.directory.importing import DirectoryImporter, ImportReport
from guildbot.storage.engine import create_engine
from guildbot.storage.models import Community, Membership, MemberSkill
from guildbot.storage.repositories.members import MemberRepository

SEED = 20261102
TARGET_SECONDS = 60.0
DEPARTMENTS = (
    "Finance",
    "Human Resources",
    "Legal Services",
    "Digital Services",
    "Data and Analytics",
    "Policy",
    "Communications",
    "Procurement",
    "Audit and Evaluation",
    "Information Technology",
    "Cybersecurity",
    "Research",
    "Programs",
    "Regional Operations",
    "Client Experience",
    "Strategic Planning",
    "Regulatory Affairs",
    "Records and Information",
    "Facilities",
    "Learning and Development",
)
TITLES = (
    "Analyst",
    "Senior Analyst",
    "Advisor",
    "Senior Advisor",
    "Manager",
    "Director",
    "Developer",
    "Senior Developer",
    "Designer",
    "Researcher",
    "Officer",
    "Coordinator",
    "Specialist",
    "Team Lead",
    "Data Scientist",
)
FIRST = (
    "Ana", "Amir", "Aisha", "Ben", "Carlos", "Chen", "Chloé", "Daniel", "Dmitri", "Elena", "Emma",
    "Farah", "Fatima", "François", "Gabriel", "Grace", "Hana", "Hiro", "Ibrahim", "Isabel",
    "Jamal", "Jean", "Julia", "Kai", "Karim", "Laura", "Leila", "Liam", "Lucas", "Maria", "Mateo",
    "Mei", "Mohammed", "Nadia", "Noah", "Olivia", "Omar", "Priya", "Rafael", "Rosa", "Samir",
    "Sara", "Sofia", "Tariq", "Thomas", "Uma", "Victor", "Wei", "Yasmin", "Yusuf", "Zoë", "Zara",
)  # fmt: skip
LAST = (
    "Abbott", "Adeyemi", "Almeida", "Bergström", "Bouchard", "Chen", "Cohen", "Da Silva",
    "Dubois", "Evans", "Fernández", "Fischer", "Gagnon", "García", "Gupta", "Haddad", "Hansen",
    "Ivanova", "Jensen", "Kaur", "Kim", "Kowalski", "Lambert", "Lee", "Lima", "Martin", "Mensah",
    "Müller", "Nakamura", "Nguyen", "Novak", "O'Brien", "Okafor", "Patel", "Pereira", "Rossi",
    "Roy", "Santos", "Schmidt", "Singh", "Smith", "Sousa", "Tanaka", "Tremblay", "Wang",
    "Williams", "Wong", "Yamamoto", "Zhang",
)  # fmt: skip
ZONES = (
    ("America/Toronto", 40),
    ("America/Vancouver", 12),
    ("America/Halifax", 8),
    ("America/Winnipeg", 8),
    ("America/St_Johns", 2),
    ("Europe/London", 8),
    ("Europe/Paris", 8),
    ("Europe/Berlin", 4),
    ("Asia/Kolkata", 5),
    ("Asia/Tokyo", 3),
    ("Australia/Sydney", 2),
    ("", 10),  # blank: the default time zone
)
# What people type: canonical names, aliases, other capitalisations and a few typos.
SKILLS = (
    ("python", 30),
    ("Python", 10),
    ("pandas", 5),
    ("sql", 20),
    ("postgres", 5),
    ("kubernetes", 8),
    ("k8s", 6),
    ("kubernets", 1),
    ("docker", 8),
    ("accessibility", 12),
    ("a11y", 6),
    ("accesibility", 1),
    ("wcag 2.1", 4),
    ("plain language", 8),
    ("user research", 10),
    ("ux research", 4),
    ("data science", 8),
    ("machine learning", 10),
    ("ML", 4),
    ("machine lerning", 1),
    ("statistics", 8),
    ("data viz", 4),
    ("power bi", 6),
    ("excel", 12),
    ("tableau", 4),
    ("terraform", 3),
    ("aws", 6),
    ("azure", 6),
    ("devops", 5),
    ("cybersecurity", 5),
    ("privacy", 5),
    ("javascript", 8),
    ("TypeScript", 4),
    ("react", 5),
    ("java", 5),
    ("c#", 3),
    ("procurement", 6),
    ("finance", 8),
    ("project management", 12),
    ("pmp", 2),
    ("agile", 8),
    ("scrum", 4),
    ("change management", 5),
    ("communications", 6),
    ("translation", 3),
    ("gis", 3),
    ("policy analysis", 8),
    ("facilitation", 4),
    ("evaluation", 4),
    ("risk management", 4),
    ("records management", 3),
    ("service design", 4),
    ("content design", 4),
    ("geospatial analysis", 2),  # new to the vocabulary
    ("quantum computing", 1),  # new
    ("mainframe cobol", 1),  # new
)
COMMUNITIES = (
    ("Accessibility", "accessibility"),
    ("Data Science", "data-science"),
    ("Cloud Native", "cloud-native"),
)
HEADER = ("name", "email", "department", "title", "timezone", "skills", "communities")


def generate(path: Path, rows: int, seed: int = SEED) -> int:
    """Write the directory CSV; returns how many rows are deliberately bad."""
    rng = random.Random(seed)
    department_weights = [1 / (rank + 1) ** 0.7 for rank in range(len(DEPARTMENTS))]
    zones = [zone for zone, _ in ZONES]
    zone_weights = [weight for _, weight in ZONES]
    skills = [skill for skill, _ in SKILLS]
    skill_weights = [weight for _, weight in SKILLS]
    community_labels = [slug for _, slug in COMMUNITIES] + [name for name, _ in COMMUNITIES]
    bad = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for index in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            local = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
            email = f"{local}.{index:06d}@example.gc.ca"
            chosen = list(dict.fromkeys(rng.choices(skills, skill_weights, k=rng.randint(1, 4))))
            communities = rng.sample(community_labels[:3], rng.choice((0, 0, 1, 1, 1, 2)))
            row = [
                f"{first} {last}",
                email,
                rng.choices(DEPARTMENTS, department_weights)[0],
                rng.choice(TITLES),
                rng.choices(zones, zone_weights)[0],
                "; ".join(chosen),
                ";".join(communities),
            ]
            if index % 5_000 == 4_999:  # now and then, a row the importer must reject
                bad += 1
                if (index // 5_000) % 2:
                    row[4] = "Mars/Olympus_Mons"
                else:
                    row[1] = "not-an-address"
            writer.writerow(row)
    return bad


async def create_postgres_database(admin_url: str) -> tuple[str, str]:
    """A new, empty database next to `admin_url`'s: (its name, its URL)."""
    name = f"guildbot_import_bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await engine.dispose()
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    return name, url


async def drop_postgres_database(admin_url: str, name: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await engine.dispose()


async def measure(database_url: str, csv_path: Path) -> dict[str, Any]:
    """Build the app, create the communities, import twice; the figures as a dict."""
    app = await build(Settings(database_url=database_url, log_level="WARNING"))
    try:
        clock = SystemClock()
        async with app.database.transaction() as session:
            for name, slug in COMMUNITIES:
                session.add(Community(name=name, slug=slug, description="", created_at=clock.now()))
        importer = DirectoryImporter(app.database, clock, app.settings.default_timezone)
        started = time.perf_counter()
        first = await importer.import_file(csv_path)
        first_seconds = time.perf_counter() - started
        started = time.perf_counter()
        second = await importer.import_file(csv_path)
        second_seconds = time.perf_counter() - started
        async with app.database.transaction() as session:
            members = await MemberRepository(session).count()
            skills = int(await session.scalar(select(func.count(MemberSkill.id))) or 0)
            memberships = int(await session.scalar(select(func.count(Membership.id))) or 0)
        backend = app.database.engine.dialect.name
    finally:
        await app.close()
    return {
        "backend": backend,
        "first": _counts(first),
        "second": _counts(second),
        "first_seconds": first_seconds,
        "second_seconds": second_seconds,
        "members": members,
        "member_skills": skills,
        "memberships": memberships,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "new_skills": sorted(first.new_skills),
        "corrected": dict(sorted(first.corrected_skills.items())),
    }


def _counts(report: ImportReport) -> dict[str, int]:
    return {
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "rejected": len(report.rejected),
    }


async def child(backend: str, csv_path: Path, workdir: Path, admin_url: str) -> dict[str, Any]:
    if backend == "sqlite":
        database = workdir / f"bench-{uuid.uuid4().hex[:6]}.db"
        return await measure(f"sqlite:///{database}", csv_path)
    name, url = await create_postgres_database(admin_url)
    try:
        return await measure(url, csv_path)
    finally:
        await drop_postgres_database(admin_url, name)


def run_child(backend: str, csv_path: Path, workdir: Path, admin_url: str) -> dict[str, Any]:
    """One backend in its own process, so its peak RSS is its own."""
    command = [sys.executable, __file__, "--child", backend, "--csv", str(csv_path)]
    command += ["--workdir", str(workdir), "--postgres", admin_url]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"the {backend} run failed (status {done.returncode})")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("GUILDBOT_TEST_DATABASE_URL", "").strip(),
        help="an existing PostgreSQL database URL; a new database is created next to it",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--csv", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    admin_url = (
        make_url(args.postgres).set(drivername="postgresql+asyncpg").render_as_string(False)
        if args.postgres
        else ""
    )
    if args.child:
        print(json.dumps(asyncio.run(child(args.child, args.csv, args.workdir, admin_url))))
        return
    with tempfile.TemporaryDirectory(prefix="guildbot-import-") as directory:
        workdir = Path(directory)
        csv_path = workdir / "directory.csv"
        started = time.perf_counter()
        bad = generate(csv_path, args.rows)
        size = csv_path.stat().st_size / 1_000_000
        print(
            f"generated {args.rows:,} rows ({bad} deliberately bad), {size:.1f} MB, "
            f"in {time.perf_counter() - started:.1f} s"
        )
        backends = ["sqlite"] + (["postgresql"] if admin_url else [])
        results = [run_child(backend, csv_path, workdir, admin_url) for backend in backends]
    print()
    print(
        f"{'backend':<11} {'rows':>7} {'first import s':>15} {'rows/s':>8} "
        f"{'re-import s':>12} {'peak RSS MB':>12}"
    )
    for result in results:
        print(
            f"{result['backend']:<11} {args.rows:>7} {result['first_seconds']:>15.2f} "
            f"{args.rows / result['first_seconds']:>8.0f} {result['second_seconds']:>12.2f} "
            f"{result['peak_rss_mb']:>12.0f}"
        )
    print()
    for result in results:
        first, second = result["first"], result["second"]
        print(
            f"{result['backend']}: first {_line(first)}; re-import {_line(second)}; "
            f"{result['members']} members, {result['member_skills']} declared skills, "
            f"{result['memberships']} memberships"
        )
    print(f"new skills: {', '.join(results[0]['new_skills'])}")
    fixes = ", ".join(f"{typed!r} -> {skill}" for typed, skill in results[0]["corrected"].items())
    print(f"typos corrected: {fixes}")
    verdict = "met" if results[0]["first_seconds"] < TARGET_SECONDS else "MISSED"
    print(f"target: first import < {TARGET_SECONDS:.0f} s on SQLite: {verdict}")


def _line(counts: dict[str, int]) -> str:
    return (
        f"created {counts['created']}, updated {counts['updated']}, "
        f"unchanged {counts['unchanged']}, rejected {counts['rejected']}"
    )


if __name__ == "__main__":
    main()
