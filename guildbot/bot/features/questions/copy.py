"""Everything expert routing answers the member acting, in their language (what it sends
other people through the outbox is in `notices.py`, in theirs). The words are the
catalogue's (``bot/i18n/locales/*/questions.ftl``); each function takes the reader's
`Language` first.

Messages are written in `bot.rich.say` markup: ``*…*`` is bold and ```…``` is code there.
Whatever people wrote — a question, a topic, a reason quoting a question's words, a name — is
a value in a message, so it is shown as written and never read as markup. Members are named
as `names.people` gives them: a mention where the platform can show one, and their department.

Answers are `Reply`s; what an error or a refusal says is rich text. Question numbers are
given as words (``"1234"``), not numbers: a number would be written with the language's
separators (``#1,234``), and a question's number is an identifier people type back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_date

from guildbot.bot.context import Reply
from guildbot.bot.features.questions.buttons import (
    ACTION_ACCEPT,
    ACTION_ANSWERED_BY_EARLIER,
    ACTION_CLOSE,
    ACTION_DECLINE,
    ACTION_FIND_EXPERT,
    ACTION_POST_TO_COMMUNITY,
    ACTION_REFER,
    ACTION_RESOLVED_BY,
    EarlierAnswerValue,
    QuestionValue,
    ResolvedByValue,
)
from guildbot.bot.i18n import Language, format_number, quoted, translate, translate_plain
from guildbot.bot.rich import joined
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.contract.richtext import ChannelLink, Mention, RichText
from guildbot.matching.experts import ReasonPart, Why

Person = Mention | RichText | str


def number(question_id: int) -> str:
    """A question's number as messages show it: its digits, with no separators."""
    return str(question_id)


def person(language: Language, name: Mention | str, department: str | None) -> RichText:
    """A member as lists name them: their mention (or name), and their department."""
    if department:
        return translate(language, "questions-person", name=name, department=department)
    return RichText.of(name)


def suggested_by(language: Language, name: str) -> str:
    """Why a colleague someone suggested is asked (stored with the invitation in English,
    shown in the invitation in its reader's language)."""
    return translate_plain(language, "questions-suggested-you", name=name)


def a_colleague(language: Language) -> str:
    """Who asked, or who helps, when the member is gone."""
    return translate_plain(language, "questions-a-colleague")


def a_colleague_lower(language: Language) -> str:
    """The same within a sentence."""
    return translate_plain(language, "questions-a-colleague-lower")


def your_helper(language: Language) -> str:
    """The helper, named to the asker when the helper is gone."""
    return translate_plain(language, "questions-your-helper")


def someone(language: Language) -> str:
    """A member who is gone."""
    return translate_plain(language, "questions-someone")


def month(language: Language, at: datetime | None) -> str:
    """When an earlier question was resolved ("November 2026", "novembre 2026")."""
    if at is None:
        return translate_plain(language, "questions-earlier")
    return format_date(at, "LLLL y", locale=language.value)


def reason(language: Language, parts: Sequence[ReasonPart], english: str) -> str:
    """Why a colleague suits a question, in the reader's language: the ranker's `parts`
    worded by the catalogue (in English word for word the ranker's own, `english`); a reason
    with no parts (a suggestion, one stored before) as it was written."""
    if not parts:
        return english
    words = [_reason_part(language, part) for part in parts]
    said = words[0]
    for more in words[1:]:
        said = translate_plain(language, "questions-why-and", before=said, after=more)
    return said


def _names(language: Language, names: Sequence[str]) -> str:
    """A topic's one or two words, or declared skills: "A, B and C", as the ranker joins
    them."""
    if len(names) <= 1:
        return "".join(names)
    some, last = ", ".join(names[:-1]), names[-1]
    return translate_plain(language, "questions-names-and", some=some, last=last)


def _reason_part(language: Language, part: ReasonPart) -> str:
    # Counts select the plural; `n` shows them as digits, as the ranker always has.
    values: dict[str, str | int] = {
        "count": part.count,
        "n": str(part.count),
        "names": _names(language, part.names),
    }
    if part.why in (Why.RESOLVED, Why.ANSWERED, Why.ACTIVE):
        values["month"] = month(language, part.latest)
    match part.why:
        case Why.DECLARED:
            return translate_plain(language, "questions-why-declared", names=values["names"])
        case Why.RESOLVED:
            return translate_plain(language, "questions-why-resolved", **values)
        case Why.ANSWERED:
            return translate_plain(
                language,
                "questions-why-answered",
                resolved=part.resolved,
                r=str(part.resolved),
                **values,
            )
        case Why.THANKED if part.names:
            return translate_plain(language, "questions-why-thanked-for", **values)
        case Why.THANKED:
            return translate_plain(
                language, "questions-why-thanked", count=part.count, n=values["n"]
            )
        case Why.SUGGESTED:
            return translate_plain(
                language, "questions-why-suggested", count=part.count, n=values["n"]
            )
        case Why.ACTIVE_RECENTLY:
            return translate_plain(
                language, "questions-why-active-recently", count=part.count, n=values["n"]
            )
        case Why.ACTIVE:
            return translate_plain(
                language,
                "questions-why-active",
                count=part.count,
                n=values["n"],
                month=values["month"],
            )
    return translate_plain(language, "questions-why-nothing")


@dataclass(frozen=True, slots=True)
class Expert:
    """A colleague named with why them (asked about a question, or knowing a topic)."""

    name: Person
    reason: str


def _expert(language: Language, expert: Expert) -> RichText:
    return translate(language, "questions-expert-line", name=expert.name, reason=expert.reason)


# -- asking -----------------------------------------------------------------------------------


def more_detail(language: Language) -> Reply:
    """A question too short to route."""
    return Reply(translate(language, "questions-more-detail"))


def no_community_channel(language: Language) -> Reply:
    """[Post it to the community channel] when there is none."""
    return Reply(translate(language, "questions-no-community-channel"))


def posted(language: Language) -> Reply:
    """The question was posted to its community's channel."""
    return Reply(translate(language, "questions-posted"))


def button_expired(language: Language) -> Reply:
    """A button whose question is gone."""
    return Reply(translate(language, "questions-button-expired"))


def too_long(language: Language, length: int, limit: int) -> RichText:
    """A question over the length the bot stores."""
    return translate(language, "questions-too-long", length=length, limit=limit)


def form_arguments(language: Language, form: str) -> RichText:
    """What an `ask` form's arguments are, when they did not fit (nothing was stored)."""
    return translate(language, "questions-form-arguments", form=form)


def did_you_mean(language: Language, command: str) -> RichText:
    """A mistyped `ask` form (`ask clsoe 1`)."""
    return translate(language, "questions-did-you-mean", command=command)


def no_such_question(language: Language, question_id: int) -> RichText:
    """The member has no question with that id."""
    return translate(language, "questions-no-such-question", id=number(question_id))


def with_colleagues_already(language: Language, question_id: int) -> Reply:
    """[Find an expert] on a question already routed."""
    return Reply(translate(language, "questions-with-colleagues-already", id=number(question_id)))


def asked(
    language: Language,
    question_id: int,
    first_wave: Sequence[Expert],
    later: int,
    after_hours: float,
) -> Reply:
    """Who was asked about the question now, and how many will be asked `later` (after
    `after_hours` working hours) if nobody can help."""
    return Reply(
        translate(
            language,
            "questions-asked",
            id=number(question_id),
            count=len(first_wave),
            names=joined("\n", [_expert(language, e) for e in first_wave]),
            later=max(later, 0),
            hours=format_number(language, after_hours),
        ),
        context=translate(language, "questions-asked-context", id=number(question_id)),
    )


def nobody_to_ask(language: Language, question_id: int, community_channel: bool) -> Reply:
    """Nobody qualified agreed to be asked; offer the community channel when there is one."""
    offer = "post" if community_channel else "try"
    saved = translate(language, "questions-nobody-to-ask", id=number(question_id), offer=offer)
    if not community_channel:
        return Reply(saved)
    value = QuestionValue(question_id).encode()
    post = Button(
        translate_plain(language, "questions-post-button"),
        ACTION_POST_TO_COMMUNITY,
        value,
        ButtonStyle.PRIMARY,
    )
    return Reply(saved, buttons=(post,))


def looks_like_a_question(language: Language, question_id: int) -> Reply:
    """A question seen in a `suggest` channel: offer to route it."""
    value = QuestionValue(question_id).encode()
    label = translate_plain(language, "questions-find-expert-button")
    return Reply(
        translate(language, "questions-looks-like-a-question"),
        buttons=(Button(label, ACTION_FIND_EXPERT, value, ButtonStyle.PRIMARY),),
    )


# -- answered questions answer the next asker ----------------------------------------------


@dataclass(frozen=True, slots=True)
class EarlierAnswer:
    """A resolved question like the new one: what it asked, who resolved it and when, and
    where it was discussed (a channel or thread on the asker's platform, if any)."""

    question_id: int
    text: str
    resolver: Person
    month: str  # when it was resolved, e.g. "November 2026" (`month`)
    where: ChannelLink | None


# Long questions are cut in the list; the whole text is one `ask mine` away for its asker.
EARLIER_TEXT_CHARS = 160


def community_channel(language: Language) -> str:
    """How a link to the channel where an earlier question was discussed reads."""
    return translate_plain(language, "questions-community-channel")


def _earlier(language: Language, answer: EarlierAnswer) -> RichText:
    text = answer.text
    if len(text) > EARLIER_TEXT_CHARS:
        text = text[: EARLIER_TEXT_CHARS - 1].rstrip() + "…"
    line = translate(
        language,
        "questions-earlier-line",
        id=number(answer.question_id),
        text=text,
        name=answer.resolver,
        month=answer.month,
    )
    if answer.where is not None:
        where = translate(language, "questions-earlier-where", where=answer.where)
        line = joined(" ", [line, where])
    return line


def similar_resolved(
    language: Language, question_id: int, earlier: Sequence[EarlierAnswer]
) -> Reply:
    """Before asking anyone: resolved questions like the new one, each with [#N answers it],
    and [Still ask] to go on to colleagues."""
    buttons = tuple(
        Button(
            translate_plain(language, "questions-answers-it-button", id=number(e.question_id)),
            ACTION_ANSWERED_BY_EARLIER,
            EarlierAnswerValue(question_id, e.question_id).encode(),
        )
        for e in earlier
    )
    still = Button(
        translate_plain(language, "questions-still-ask-button"),
        ACTION_FIND_EXPERT,
        QuestionValue(question_id).encode(),
        ButtonStyle.PRIMARY,
    )
    return Reply(
        translate(
            language,
            "questions-similar-resolved",
            count=len(earlier),
            items=joined("\n", [_earlier(language, e) for e in earlier]),
        ),
        buttons=(*buttons, still),
        context=translate(language, "questions-similar-context", id=number(question_id)),
    )


def answered_by_earlier(
    language: Language, question_id: int, earlier_id: int, resolver: Person | None
) -> Reply:
    """The asker pressed [#N answers it]."""
    ids = {"id": number(question_id), "earlier": number(earlier_id)}
    if resolver is None:
        return Reply(translate(language, "questions-answered-by-earlier", **ids))
    return Reply(
        translate(language, "questions-answered-by-earlier-resolver", name=resolver, **ids)
    )


def earlier_gone(language: Language) -> Reply:
    """[#N answers it] for an earlier question that was erased since."""
    return Reply(translate(language, "questions-earlier-gone"))


# -- buttons on invitations and on what the asker is told ---------------------------------


def invitation_buttons(
    language: Language, question_id: int, label_suffix: str = ""
) -> tuple[Button, ...]:
    """[I can help] [Not me] [Suggest someone] (labels with `label_suffix`, in a list)."""
    value = QuestionValue(question_id).encode()
    labels = [
        translate_plain(language, "questions-i-can-help-button"),
        translate_plain(language, "questions-not-me-button"),
        translate_plain(language, "questions-suggest-someone-button"),
    ]
    accept, decline, refer = (f"{label}{label_suffix}" for label in labels)
    return (
        Button(accept, ACTION_ACCEPT, value, ButtonStyle.PRIMARY),
        Button(decline, ACTION_DECLINE, value),
        Button(refer, ACTION_REFER, value),
    )


def answered_buttons(
    language: Language, question_id: int, helper_id: int, helper_name: str
) -> tuple[Button, ...]:
    """[Resolved by X] [Close, no answer needed], for the asker."""
    return (
        Button(
            translate_plain(language, "questions-resolved-by-button", name=helper_name),
            ACTION_RESOLVED_BY,
            ResolvedByValue(question_id, helper_id).encode(),
            ButtonStyle.PRIMARY,
        ),
        Button(
            translate_plain(language, "questions-close-button"),
            ACTION_CLOSE,
            QuestionValue(question_id).encode(),
        ),
    )


# -- answering an invitation ------------------------------------------------------------------


def invitation_expired(language: Language) -> Reply:
    """An invitation pressed by someone it was not for, or after it expired."""
    return Reply(translate(language, "questions-invitation-expired"))


def noted_already(language: Language) -> Reply:
    """A second [Not me]."""
    return Reply(translate(language, "questions-noted-already"))


def declined(language: Language) -> Reply:
    """[Not me]."""
    return Reply(translate(language, "questions-declined"))


def someone_else(language: Language) -> RichText:
    """Suggesting oneself, or the asker."""
    return translate(language, "questions-someone-else")


def helping_already(language: Language, question_id: int, asker: Mention | str) -> Reply:
    """[I can help] pressed again by the helper."""
    return Reply(
        translate(language, "questions-helping-already", id=number(question_id), asker=asker)
    )


def sent_to(language: Language, names: Sequence[str]) -> Reply:
    """An invitation pressed by someone it was not sent to (a forwarded or shared message)."""
    if len(names) > 1:
        who = translate(language, "questions-names-and", some=", ".join(names[:-1]), last=names[-1])
    else:
        who = RichText.of(names[0])
    return Reply(translate(language, "questions-sent-to", who=who))


def taken_or_finished(language: Language, question_id: int, taken: bool, status: str) -> Reply:
    """[I can help] on a question a colleague took, or that is resolved or closed."""
    state = "taken" if taken else status
    return Reply(
        translate(language, "questions-taken-or-finished", id=number(question_id), state=state)
    )


def taken_just_now(language: Language, question_id: int) -> Reply:
    """[I can help] beaten by a colleague's a moment before."""
    return Reply(translate(language, "questions-taken-just-now", id=number(question_id)))


def accepted(language: Language, asker: Person, text: str) -> Reply:
    """[I can help]: the helper is told the asker knows."""
    return Reply(
        translate(language, "questions-accepted", asker=asker, question=quoted(language, text, 80))
    )


def settled(language: Language, question_id: int, taken: bool, status: str) -> Reply:
    """[Not me] or a suggestion once the question is taken or finished."""
    state = "taken" if taken else status
    return Reply(translate(language, "questions-settled", id=number(question_id), state=state))


def who_would_know(language: Language, question_id: int | None) -> Reply:
    """[Suggest someone]: buttons cannot carry a name, so ask for it."""
    shown = number(question_id) if question_id else "ID"
    return Reply(translate(language, "questions-who-would-know", id=shown))


def not_asked(language: Language, question_id: int) -> RichText:
    """A suggestion for a question the member was not asked about."""
    return translate(language, "questions-not-asked", id=number(question_id))


def opted_out(language: Language, colleague: Person) -> Reply:
    """The colleague suggested asked not to be sent questions."""
    return Reply(translate(language, "questions-opted-out", name=colleague))


def away(language: Language, colleague: Person) -> Reply:
    """The colleague suggested is away."""
    return Reply(translate(language, "questions-away", name=colleague))


def asked_already(language: Language, colleague: Person) -> Reply:
    """The colleague suggested was asked already."""
    return Reply(translate(language, "questions-asked-already", name=colleague))


def referred(language: Language, colleague: Person, question_id: int) -> Reply:
    """The colleague suggested is asked."""
    return Reply(translate(language, "questions-referred", name=colleague, id=number(question_id)))


# -- closing ----------------------------------------------------------------------------------


def for_the_asker(language: Language) -> Reply:
    """A button of the asker's pressed by someone else."""
    return Reply(translate(language, "questions-for-the-asker"))


def finished_already(language: Language, question_id: int, status: str) -> Reply:
    """Closing or resolving a question that is resolved or closed."""
    return Reply(
        translate(language, "questions-finished-already", id=number(question_id), status=status)
    )


def closed(language: Language, question_id: int, hoping: bool = False) -> Reply:
    """Closed without an answer (`hoping`: by `ask close`, wishing the asker well)."""
    if hoping:
        return Reply(translate(language, "questions-closed-hoping", id=number(question_id)))
    return Reply(translate(language, "questions-closed", id=number(question_id)))


def was_it_answered(language: Language, question_id: int, buttons: tuple[Button, ...]) -> Reply:
    """`ask close ID` while someone helps: ask whether it was answered."""
    return Reply(
        translate(language, "questions-was-it-answered", id=number(question_id)),
        buttons=buttons,
        context=translate(language, "questions-was-it-answered-context", id=number(question_id)),
    )


def resolved(language: Language, question_id: int, by: Person | None) -> Reply:
    """Resolved by a colleague (`by`), or by the asker themselves (None)."""
    if by is None:
        return Reply(translate(language, "questions-resolved", id=number(question_id)))
    return Reply(translate(language, "questions-resolved-by", id=number(question_id), name=by))


# -- listings ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpenQuestion:
    """One of the member's open questions, and who helps (None: nobody has taken it)."""

    question_id: int
    text: str
    helper: Person | None


def your_questions(
    language: Language, mine: Sequence[OpenQuestion], waiting: Sequence[tuple[int, str]]
) -> Reply:
    """`ask mine`: the member's open questions, and those waiting for their help (each with
    its invitation's buttons)."""
    if not mine and not waiting:
        return Reply(translate(language, "questions-nothing-open"))
    lines: list[RichText] = []
    if mine:
        lines.append(translate(language, "questions-your-open"))
    for question in mine:
        state = translate(language, "questions-no-taker")
        if question.helper is not None:
            state = translate(language, "questions-helping", helper=question.helper)
        shown = quoted(language, question.text, 70)
        lines.append(
            translate(
                language,
                "questions-open-line",
                id=number(question.question_id),
                question=shown,
                state=state,
            )
        )
    buttons: list[Button] = []
    if waiting:
        lines.append(translate(language, "questions-waiting-heading"))
    for question_id, text in waiting:
        shown = quoted(language, text, 70)
        lines.append(
            translate(language, "questions-waiting-line", id=number(question_id), question=shown)
        )
        suffix = f" #{question_id}"
        buttons.extend(invitation_buttons(language, question_id, label_suffix=suffix))
    return Reply(joined("\n", lines), buttons=tuple(buttons))


def experts_on(language: Language, topic: str, experts: Sequence[Expert]) -> Reply:
    """`expertise who TOPIC`: who knows, and why them."""
    if not experts:
        return Reply(
            translate(language, "questions-nobody-knows", topic=quoted(language, topic)),
            context=translate(language, "questions-know-it-yourself"),
        )
    lines = [translate(language, "questions-who-knows", topic=quoted(language, topic, 40))]
    lines += [_expert(language, e) for e in experts]
    return Reply(joined("\n", lines), context=translate(language, "questions-ask-them"))


# -- consent and channels ---------------------------------------------------------------------


def opted_in(language: Language) -> Reply:
    """`expertise optin`."""
    return Reply(translate(language, "questions-opted-in"))


def default_set(language: Language, value: str) -> Reply:
    """`expertise default in|out`."""
    if value == "in":
        return Reply(translate(language, "questions-default-in"))
    return Reply(translate(language, "questions-default-out"))


def admins_only(language: Language) -> RichText:
    """`expertise default` by someone who is no organisation admin."""
    return translate(language, "questions-admins-only")


def mode_refused(language: Language) -> RichText:
    """`ask mode` by someone who may not change the channel's."""
    return translate(language, "questions-mode-refused")


def mode_outside_channel(language: Language) -> RichText:
    """`ask mode` in a direct conversation."""
    return translate(language, "questions-mode-outside-channel")


def opted_out_yourself(language: Language, withdrawn: int) -> Reply:
    """`expertise optout`, and how many invitations not sent yet were withdrawn."""
    return Reply(translate(language, "questions-opted-out-yourself", withdrawn=withdrawn))


def mode_set(language: Language, mode: str) -> Reply:
    """`ask mode off|suggest|auto`: what the bot now does with questions in the channel."""
    return Reply(translate(language, "questions-mode-set", mode=mode))
