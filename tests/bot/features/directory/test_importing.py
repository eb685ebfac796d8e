"""`guildbot members import FILE.csv`: the directory importer, and the command around it."""

import csv
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import func, select

from guildbot.app.build import Guildbot
from guildbot.bot.features.directory import importing as directory_import
from guildbot.bot.features.directory.importing import (
    DirectoryImporter,
    ImportFileError,
    ImportReport,
)
from guildbot.storage.models import Community, Department, Member, Membership, MemberSkill
from guildbot.storage.repositories.communities import CommunityRepository
from guildbot.storage.repositories.members import MemberRepository
from guildbot.storage.repositories.skills import SkillRepository
from tests.cli import guildbot

HEADER = ("name", "email", "department", "title", "timezone", "skills", "communities")


def write_csv(
    tmp_path: Path, rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER
) -> Path:
    path = tmp_path / "directory.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_text(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "directory.csv"
    path.write_text(text, encoding="utf-8")
    return path


async def run_import(app: Guildbot, path: Path) -> ImportReport:
    importer = DirectoryImporter(app.database, app.clock, app.settings.default_timezone)
    return await importer.import_file(path)


async def add_communities(app: Guildbot) -> None:
    async with app.database.transaction() as session:
        communities = CommunityRepository(session)
        for name, slug in (("Accessibility", "accessibility"), ("Data Science", "data-science")):
            await communities.add(
                Community(name=name, slug=slug, description="", created_at=app.clock.now())
            )


async def member_count(app: Guildbot) -> int:
    async with app.database.transaction() as session:
        return await MemberRepository(session).count()


async def member(app: Guildbot, email: str) -> Member:
    async with app.database.transaction() as session:
        found = await MemberRepository(session).by_email(email)
        assert found is not None, email
        return found


async def department_of(app: Guildbot, email: str) -> str | None:
    async with app.database.transaction() as session:
        statement = (
            select(Department.name)
            .join(Member, Member.department_id == Department.id)
            .where(Member.email == email)
        )
        return (await session.scalars(statement)).first()


async def skills_of(app: Guildbot, email: str) -> set[str]:
    found = await member(app, email)
    async with app.database.transaction() as session:
        return {name for name, _ in await SkillRepository(session).of_member(found.id)}


async def communities_of(app: Guildbot, email: str) -> set[str]:
    found = await member(app, email)
    async with app.database.transaction() as session:
        pairs = await CommunityRepository(session).communities_of(found.id)
        return {community.name for community, _role in pairs}


async def link_counts(app: Guildbot) -> tuple[int, int]:
    async with app.database.transaction() as session:
        skills = await session.scalar(select(func.count(MemberSkill.id)))
        memberships = await session.scalar(select(func.count(Membership.id)))
        return int(skills or 0), int(memberships or 0)


ANA = (
    "Ana Lima",
    "Ana.Lima@Example.org",
    "Digital Services",
    "Developer",
    "Europe/Lisbon",
    "k8s; Python; kubernets; quantum basketweaving",
    "accessibility; Data Science",
)
BEN = ("Ben Okafor", "ben@example.org", "Finance", "Analyst", "", "excel", "")
CHLOE = ("Chloé Dubois", "chloe@example.org", "Digital Services", "Designer", "Paris", "a11y", "")


async def test_a_clean_file_creates_members_departments_skills_and_memberships(
    app: Guildbot, tmp_path: Path
) -> None:
    await add_communities(app)
    report = await run_import(app, write_csv(tmp_path, [ANA, BEN, CHLOE]))

    assert (report.created, report.updated, report.unchanged, report.rejected) == (3, 0, 0, [])
    assert report.corrected_skills == {"kubernets": "kubernetes"}
    assert report.new_skills == {"quantum basketweaving"}
    summary = report.summary().splitlines()
    assert summary[0] == "created 3, updated 0, unchanged 0, rejected 0"
    assert "skills read as their closest known spelling: 'kubernets' -> kubernetes" in summary
    assert "new skills added to the vocabulary: quantum basketweaving" in summary

    assert await member_count(app) == 3
    ana = await member(app, "ana.lima@example.org")  # e-mails are kept in lower case
    assert (ana.display_name, ana.title, ana.timezone) == ("Ana Lima", "Developer", "Europe/Lisbon")
    assert await department_of(app, "ana.lima@example.org") == "Digital Services"
    # "k8s" and the typo "kubernets" are both kubernetes: one declared skill, not three.
    assert await skills_of(app, "ana.lima@example.org") == {
        "kubernetes",
        "python",
        "quantum basketweaving",
    }
    assert await communities_of(app, "ana.lima@example.org") == {"Accessibility", "Data Science"}

    ben = await member(app, "ben@example.org")
    assert ben.timezone == app.settings.default_timezone  # a blank zone: the default
    assert await skills_of(app, "ben@example.org") == {"excel"}
    assert await communities_of(app, "ben@example.org") == set()
    chloe = await member(app, "chloe@example.org")
    assert (chloe.display_name, chloe.timezone) == ("Chloé Dubois", "Europe/Paris")  # a city
    assert await skills_of(app, "chloe@example.org") == {"accessibility"}
    # Two people in Digital Services: one department.
    async with app.database.transaction() as session:
        names = (await session.scalars(select(Department.name))).all()
    assert sorted(names) == ["Digital Services", "Finance"]
    # The new skill is part of the vocabulary from now on.
    async with app.database.transaction() as session:
        assert await SkillRepository(session).by_name("quantum basketweaving") is not None


async def test_importing_the_same_file_again_changes_nothing(app: Guildbot, tmp_path: Path) -> None:
    await add_communities(app)
    path = write_csv(tmp_path, [ANA, BEN, CHLOE])
    await run_import(app, path)
    links = await link_counts(app)

    again = await run_import(app, path)

    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 3, [])
    assert again.summary().splitlines()[0] == "created 0, updated 0, unchanged 3, rejected 0"
    assert again.new_skills == set()  # added the first time; known now
    assert await member_count(app) == 3
    assert await link_counts(app) == links


async def test_a_changed_title_is_one_update(app: Guildbot, tmp_path: Path) -> None:
    await add_communities(app)
    await run_import(app, write_csv(tmp_path, [ANA, BEN, CHLOE]))
    promoted = (*BEN[:3], "Senior Analyst", *BEN[4:])

    report = await run_import(app, write_csv(tmp_path, [ANA, promoted, CHLOE]))

    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert (await member(app, "ben@example.org")).title == "Senior Analyst"
    assert await member_count(app) == 3


async def test_a_newly_listed_skill_or_community_is_an_update(
    app: Guildbot, tmp_path: Path
) -> None:
    await add_communities(app)
    await run_import(app, write_csv(tmp_path, [BEN, CHLOE]))
    more = (*BEN[:5], "excel; statistics", "data-science")

    report = await run_import(app, write_csv(tmp_path, [more, CHLOE]))

    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert await skills_of(app, "ben@example.org") == {"excel", "statistics"}
    assert await communities_of(app, "ben@example.org") == {"Data Science"}


async def test_someone_already_known_by_e_mail_is_updated_not_duplicated(
    app: Guildbot, tmp_path: Path
) -> None:
    async with app.database.transaction() as session:
        await MemberRepository(session).add(
            Member(display_name="ben", email="ben@example.org", created_at=app.clock.now())
        )

    report = await run_import(app, write_csv(tmp_path, [BEN]))

    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    assert await member_count(app) == 1
    assert (await member(app, "ben@example.org")).display_name == "Ben Okafor"


async def test_blank_department_and_title_keep_what_a_member_has(
    app: Guildbot, tmp_path: Path
) -> None:
    await run_import(app, write_csv(tmp_path, [BEN, CHLOE]))
    blanked = ("Ben Okafor", "ben@example.org", "", "", "", "", "")

    report = await run_import(app, write_csv(tmp_path, [blanked, CHLOE]))

    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    ben = await member(app, "ben@example.org")
    assert ben.title == "Analyst"
    assert await department_of(app, "ben@example.org") == "Finance"
    assert await skills_of(app, "ben@example.org") == {"excel"}  # skills are never removed


async def test_each_bad_row_is_reported_by_line_and_the_good_rows_around_it_are_imported(
    app: Guildbot, tmp_path: Path
) -> None:
    await add_communities(app)
    long_name = "N" * 121
    path = write_text(
        tmp_path,
        "name,email,department,title,timezone,skills,communities\n"
        "Ana Lima,ana@example.org,Digital,Developer,Europe/Lisbon,python,accessibility\n"
        "Bad Mail,not-an-address,Digital,Developer,,,\n"
        ",empty@example.org,Digital,Developer,,,\n"
        "Zed Zone,zed@example.org,Digital,Developer,Mars/Olympus_Mons,,\n"
        "Uma Unknown,uma@example.org,Digital,Developer,,,astrology\n"
        "Ana Again,ANA@example.org,Digital,Developer,,,\n"
        "Short Row,short@example.org,Digital\n"
        f"{long_name},long@example.org,Digital,Developer,,,\n"
        "Ben Okafor,ben@example.org,Finance,Analyst,America/Toronto,excel,\n",
    )

    report = await run_import(app, path)

    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    reasons = dict(report.rejected)
    assert list(reasons) == [3, 4, 5, 6, 7, 8, 9]
    assert reasons[3] == "'not-an-address' is not an e-mail address"
    assert reasons[4] == "The name can't be empty."
    assert "Mars/Olympus_Mons” isn't a time zone I know" in reasons[5]
    assert reasons[6].startswith("unknown community 'astrology'")
    assert reasons[7] == "same e-mail as line 2"
    assert reasons[8] == "wrong number of columns for the header"
    assert reasons[9] == "That name is 121 characters; the limit is 120."
    summary = report.summary().splitlines()
    assert summary[0] == "created 2, updated 0, unchanged 0, rejected 7"
    assert "line 7: same e-mail as line 2" in summary
    assert await member_count(app) == 2
    assert (await member(app, "ana@example.org")).display_name == "Ana Lima"  # not "Ana Again"
    assert await skills_of(app, "ben@example.org") == {"excel"}


async def test_a_rejected_row_adds_no_skill_and_reports_no_correction(
    app: Guildbot, tmp_path: Path
) -> None:
    rows = [
        ("Uma", "uma@example.org", "", "", "", "quantum basketweaving; kubernets", "astrology"),
        ("Ben Okafor", "ben@example.org", "", "", "", "excel", ""),
    ]

    report = await run_import(app, write_csv(tmp_path, rows))

    assert [line for line, _ in report.rejected] == [2]
    assert report.new_skills == set()
    assert report.corrected_skills == {}
    assert "new skills" not in report.summary()
    async with app.database.transaction() as session:
        assert await SkillRepository(session).by_name("quantum basketweaving") is None


async def test_a_value_spanning_lines_is_reported_at_the_line_where_its_row_starts(
    app: Guildbot, tmp_path: Path
) -> None:
    path = write_text(
        tmp_path,
        "name,email,department,title,timezone,skills,communities\n"
        'Ana Lima,ana@example.org,Digital,"Senior\nDeveloper",,,\n'
        "\n"
        "Bad Mail,nope,Digital,Developer,,,\n",
    )

    report = await run_import(app, path)

    assert report.rejected == [(5, "'nope' is not an e-mail address")]
    assert (await member(app, "ana@example.org")).title == "Senior Developer"


async def test_rows_across_chunks_are_deduplicated_and_reimported_idempotently(
    app: Guildbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(directory_import, "CHUNK_ROWS", 3)
    monkeypatch.setattr(directory_import, "IN_LIST", 2)
    await add_communities(app)
    rows = [
        (
            f"Person {n}",
            f"p{n}@example.org",
            f"Dept {n % 3}",
            "",
            "",
            "python; k8s",
            "accessibility",
        )
        for n in range(10)
    ]
    rows.append(("Person Zero Again", "p0@example.org", "", "", "", "", ""))
    path = write_csv(tmp_path, rows)

    first = await run_import(app, path)
    second = await run_import(app, path)

    assert (first.created, first.rejected) == (10, [(12, "same e-mail as line 2")])
    assert (second.created, second.updated, second.unchanged) == (0, 0, 10)
    assert await member_count(app) == 10
    assert await link_counts(app) == (20, 10)


async def test_a_file_without_a_required_column_is_refused_whole(
    app: Guildbot, tmp_path: Path
) -> None:
    path = write_csv(tmp_path, [("Ana Lima", "Digital")], header=("name", "department"))

    with pytest.raises(ImportFileError) as error:
        await run_import(app, path)

    message = str(error.value)
    assert "\n" not in message
    assert "(missing: email)" in message
    assert await member_count(app) == 0


async def test_a_header_in_any_case_and_order_is_understood(app: Guildbot, tmp_path: Path) -> None:
    path = write_text(tmp_path, "\ufeffEmail , NAME\nana@example.org,Ana Lima\n")

    report = await run_import(app, path)

    assert report.created == 1
    assert (await member(app, "ana@example.org")).display_name == "Ana Lima"


async def test_a_missing_file_or_a_directory_is_one_clear_line(
    app: Guildbot, tmp_path: Path
) -> None:
    with pytest.raises(ImportFileError, match=r"nowhere\.csv: no such file$"):
        await run_import(app, tmp_path / "nowhere.csv")
    with pytest.raises(ImportFileError, match=r"is a directory, not a CSV file$"):
        await run_import(app, tmp_path)


async def test_a_binary_file_is_refused_whole(app: Guildbot, tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\xff\xfe")

    with pytest.raises(ImportFileError) as error:
        await run_import(app, path)

    message = str(error.value)
    assert "\n" not in message
    assert "not UTF-8 text" in message
    assert await member_count(app) == 0


async def test_a_file_in_another_encoding_imports_nothing_and_names_the_line(
    app: Guildbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A spreadsheet saved as Latin-1: valid rows first, "Chloé" on line 4, in a later chunk.
    monkeypatch.setattr(directory_import, "CHUNK_ROWS", 1)
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        b"name,email\n"
        b"Ana Lima,ana@example.org\n"
        b"Ben Okafor,ben@example.org\n"
        b"Chlo\xe9 Dubois,chloe@example.org\n"
    )

    with pytest.raises(ImportFileError, match=r"latin1\.csv: line 4 is not UTF-8 text"):
        await run_import(app, path)

    assert await member_count(app) == 0


async def test_a_file_with_nul_bytes_is_refused(app: Guildbot, tmp_path: Path) -> None:
    path = tmp_path / "utf16.csv"
    path.write_bytes("name,email\nAna,ana@example.org\n".encode("utf-16-le"))

    with pytest.raises(ImportFileError, match="line 1 holds a NUL byte"):
        await run_import(app, path)

    assert await member_count(app) == 0


async def test_hostile_text_is_stored_verbatim_as_plain_data(app: Guildbot, tmp_path: Path) -> None:
    await add_communities(app)
    rows = [
        (
            "Robert'); DROP TABLE members;--",
            "bobby@example.org",
            "<!channel>",
            "<!here>",
            "",
            "",
            "",
        ),
        ("Conor O'Brien", "conor.o'brien@example.org", "x' OR '1'='1", "", "", "", ""),
        ("Eve", "eve@example.org", "", "", "", "", "x'; DROP TABLE communities;--"),
    ]

    report = await run_import(app, write_csv(tmp_path, rows))

    assert report.created == 2
    assert [line for line, _ in report.rejected] == [4]
    # The cell is a ";"-separated list: its first item is an unknown community.
    assert report.rejected[0][1].startswith('unknown community "x\'" (create it first')
    bobby = await member(app, "bobby@example.org")
    assert bobby.display_name == "Robert'); DROP TABLE members;--"
    assert bobby.title == "<!here>"
    assert await department_of(app, "bobby@example.org") == "<!channel>"
    conor = await member(app, "conor.o'brien@example.org")  # an apostrophe is a valid address
    assert conor.display_name == "Conor O'Brien"
    assert await department_of(app, "conor.o'brien@example.org") == "x' OR '1'='1"
    assert await member_count(app) == 2  # the tables are all still there
    async with app.database.transaction() as session:
        assert len(await CommunityRepository(session).all()) == 2


def run(database_url: str, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"GUILDBOT_DATABASE_URL": database_url, "GUILDBOT_LOG_LEVEL": "WARNING"}
    return guildbot(cwd, *args, env=env)


async def test_the_command_prints_the_summary_and_each_rejected_line(
    app: Guildbot, database_url: str, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path,
        [BEN, ("Bad Mail", "nope", "", "", "", "", ""), CHLOE],
    )

    done = run(database_url, tmp_path, "members", "import", str(path))

    assert done.returncode == 1, done.stderr  # a nightly import script must see rejections
    lines = done.stdout.splitlines()
    assert lines[0] == "created 2, updated 0, unchanged 0, rejected 1"
    assert "line 3: 'nope' is not an e-mail address" in lines
    assert await member_count(app) == 2


async def test_the_command_with_a_missing_file_exits_2_with_one_line(
    database_url: str, tmp_path: Path
) -> None:
    done = run(database_url, tmp_path, "members", "import", str(tmp_path / "nowhere.csv"))

    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        f"guildbot: {tmp_path / 'nowhere.csv'}: no such file"
    ]
    assert done.stdout == ""


async def test_a_semicolon_csv_as_french_excel_saves_it_is_read(
    app: Guildbot, database_url: str, tmp_path: Path
) -> None:
    path = write_text(
        tmp_path,
        "name;email;department;title;timezone;skills;communities\n"
        "Chloé Tremblay;chloe@example.org;Santé;Analyste;America/Montreal;python, sql;\n"
        "Ben Okafor;ben@example.org;Finance;;;excel;\n",
    )
    done = run(database_url, tmp_path, "members", "import", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[0] == "created 2, updated 0, unchanged 0, rejected 0"
    assert await member_count(app) == 2
    async with app.database.transaction() as session:
        chloe = await MemberRepository(session).by_email("chloe@example.org")
        assert chloe is not None and chloe.title == "Analyste"
        skills = await SkillRepository(session).of_member(chloe.id)
    assert sorted(name for name, _ in skills) == ["python", "sql"]
