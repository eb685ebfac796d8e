from hypothesis import given, settings
from hypothesis import strategies as st

from guildbot.bot.features import COMMANDS
from guildbot.bot.grammar import (
    MAX_COMMAND_CHARS,
    Alias,
    CommandSpec,
    FailureReason,
    Invocation,
    ParseFailure,
    Subcommand,
    strip_prefixes,
    tokenize,
)
from guildbot.bot.grammar import parse as parse_against
from guildbot.bot.i18n import Language


def parse(text: str) -> Invocation | ParseFailure:
    return parse_against(text, COMMANDS)


def test_the_same_command_with_or_without_the_slash_command() -> None:
    plain = parse("expertise add k8s")
    assert plain == parse("/guild expertise add k8s")
    assert plain == parse("/expertise add k8s")
    assert plain == parse("  GUILD   Expertise ADD k8s ")
    assert plain == Invocation("expertise", "add", ("k8s",), "k8s")


def test_default_forms() -> None:
    assert parse("profile") == Invocation("profile", "show", (), "")
    assert parse("expertise") == Invocation("expertise", "list", (), "")
    assert parse("/guild") == ParseFailure(FailureReason.EMPTY, typed="")


def test_help_takes_a_topic() -> None:
    assert parse("help expertise") == Invocation("help", "", ("expertise",), "expertise")


def test_rest_keeps_free_text_verbatim() -> None:
    parsed = parse("profile set title Senior data analyst, team lead")
    assert isinstance(parsed, Invocation)
    assert parsed.args[0] == "title"
    assert parsed.rest == "title Senior data analyst, team lead"


def test_unknown_command_suggests_the_closest() -> None:
    failure = parse("expertize add k8s")
    assert failure == ParseFailure(
        FailureReason.UNKNOWN_COMMAND, typed="expertize", suggestion="expertise"
    )


def test_unknown_form_names_the_command() -> None:
    failure = parse("community joni data")
    assert isinstance(failure, ParseFailure)
    assert failure.reason is FailureReason.UNKNOWN_SUBCOMMAND
    assert failure.command == "community"
    assert failure.suggestion == "join"


def test_a_form_is_typed_by_its_name_or_its_alias_in_a_language() -> None:
    english = parse("event create Atelier jeudi 14 h")
    assert english == Invocation(
        "event", "create", ("Atelier", "jeudi", "14", "h"), "Atelier jeudi 14 h"
    )
    assert parse("événement créer Atelier jeudi 14 h") == english
    assert parse("Evenement CREER Atelier jeudi 14 h") == english
    assert parse("événement modifier 3 title: X") == Invocation(
        "event", "edit", ("3", "title:", "X"), "3 title: X"
    )
    assert parse("événement annuler 3 all") == Invocation("event", "cancel", ("3", "all"), "3 all")


def test_did_you_mean_for_a_form_is_in_the_readers_words() -> None:
    spec = CommandSpec(
        "thing",
        "things",
        (
            Subcommand(
                "create", "thing create", "make one", aliases=(Alias("créer", Language.FR),)
            ),
            Subcommand(
                "cancel", "thing cancel", "undo one", aliases=(Alias("annuler", Language.FR),)
            ),
        ),
    )
    commands = {"thing": spec}
    french = parse_against("thing créé", commands, Language.FR)
    assert isinstance(french, ParseFailure) and french.suggestion == "créer"
    english = parse_against("thing craete", commands, Language.EN)
    assert isinstance(english, ParseFailure) and english.suggestion == "create"
    # A reader's near miss of the other language's word still finds it.
    assert parse_against("thing annuller", commands, Language.EN) == ParseFailure(
        FailureReason.UNKNOWN_SUBCOMMAND, typed="annuller", command="thing", suggestion="annuler"
    )
    assert spec.subcommands[0].word(Language.FR) == "créer"
    assert spec.subcommands[0].word(Language.EN) == "create"


def test_role_needs_a_form() -> None:
    failure = parse("role")
    assert isinstance(failure, ParseFailure)
    assert failure.reason is FailureReason.UNKNOWN_SUBCOMMAND


def test_too_long_is_refused() -> None:
    failure = parse("help " + "x" * MAX_COMMAND_CHARS)
    assert isinstance(failure, ParseFailure)
    assert failure.reason is FailureReason.TOO_LONG


def test_tokenize_groups_closed_quotes_and_keeps_open_ones() -> None:
    assert tokenize('grant "Amara Okafor" admin') == ["grant", "Amara Okafor", "admin"]
    assert tokenize("it's “a test”") == ["it's", "a test"]
    assert tokenize('say "unclosed words') == ["say", '"unclosed', "words"]
    assert tokenize("   ") == []


def test_strip_prefixes() -> None:
    assert strip_prefixes("/guildbot help") == "help"
    assert strip_prefixes("/coffee join") == "coffee join"
    assert strip_prefixes("guild") == ""


def test_every_command_has_usage_and_summary() -> None:
    for spec in COMMANDS.values():
        assert spec.summary
        assert spec.subcommands
        for sub in spec.subcommands:
            assert sub.usage.startswith(spec.name)


@settings(max_examples=500)
@given(st.text(max_size=300))
def test_parse_is_total(text: str) -> None:
    result = parse(text)
    assert isinstance(result, Invocation | ParseFailure)
    if isinstance(result, Invocation):
        assert result.command in COMMANDS


@given(st.text(max_size=200))
def test_tokenize_never_loses_non_space_text_without_quotes(text: str) -> None:
    if not any(q in text for q in "\"'“”‘’"):
        assert tokenize(text) == text.split()


@given(st.sampled_from(sorted(COMMANDS)), st.text(alphabet=st.characters(), max_size=80))
def test_known_commands_always_parse_to_that_command_or_its_usage(name: str, tail: str) -> None:
    result = parse(f"{name} {tail}")
    if isinstance(result, Invocation):
        assert result.command == name
    else:
        assert result.command == name or result.reason is FailureReason.TOO_LONG
