"""Everything expert routing answers the member acting, as rich text built from `say`
templates (what it sends other people through the outbox is in `notices.py`).

Templates are the bot's own words: ``*…*`` is bold and ```…``` is code there. Whatever
people wrote — a question, a topic, a reason quoting a question's words, a name — is a value
in a template, so it is shown as written and never read as markup. Members are named as
`names.people` gives them: a mention where the platform can show one, and their department.

Answers are `Reply`s; what an error says is rich text, and what a refusal says a plain
string (`Refused` takes words only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from guildbot.bot.context import Reply, quoted
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
from guildbot.bot.rich import Value, joined, say
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.contract.richtext import ChannelLink, Mention, RichText

Person = Mention | RichText | str

# Why a facilitator is asked, as stored with the invitation.
FACILITATOR_REASON = "community facilitator"
ADMINS_ONLY = say("Only organisation admins can change the default.")
MODE_REFUSED = say(
    "Only this channel's community facilitators (or organisation admins) can change how I "
    "treat questions here."
)
_MODES = {
    "off": "I'll leave questions here alone.",
    "suggest": "I'll offer askers a “Find an expert” button.",
    "auto": "I'll route questions asked here to colleagues who know.",
}


def _reply(template: str, /, **values: Value) -> Reply:
    return Reply(say(template, **values))


def person(name: Mention | str, department: str | None) -> RichText:
    """A member as lists name them: their mention (or name), and their department."""
    if department:
        return say("{name} ({department})", name=name, department=department)
    return RichText.of(name)


def suggested_by(name: str) -> str:
    """Why a colleague someone suggested is asked, as stored with the invitation."""
    return say("{name} suggested you", name=name).plain()


@dataclass(frozen=True, slots=True)
class Expert:
    """A colleague named with why them (asked about a question, or knowing a topic)."""

    name: Person
    reason: str


def _expert(expert: Expert) -> RichText:
    return say("• {name} — {reason}", name=expert.name, reason=expert.reason)


def _colleagues(count: int) -> RichText:
    return say("1 colleague") if count == 1 else say("{n} colleagues", n=count)


# -- asking -----------------------------------------------------------------------------------

MORE_DETAIL = _reply(
    "Could you say a bit more? I route questions by what they are about, so a sentence works "
    "best, e.g. `ask How do I make a scanned PDF accessible?`"
)
NO_COMMUNITY_CHANNEL = _reply("I don't know a community channel for this question, sorry.")
POSTED = _reply("Posted to the community channel. I hope someone there knows!")
BUTTON_EXPIRED = _reply("That button has expired.")


def too_long(length: int, limit: int) -> RichText:
    """A question over the length the bot stores."""
    return say(
        "That question is {length} characters; please keep it under {limit} (add details "
        "when you talk to the expert).",
        length=f"{length:,}",
        limit=f"{limit:,}",
    )


_FORM_ARGUMENTS = {
    "close": "`ask close` takes the question's number (see `ask mine`), e.g. `ask close 12`.",
    "suggest": "`ask suggest` takes the question's number and a colleague, e.g. "
    "`ask suggest 12 @lea`.",
    "mode": "`ask mode` takes off, suggest or auto.",
}


def form_arguments(form: str) -> RichText:
    """What an `ask` form's arguments are, when they did not fit (nothing was stored)."""
    return say(_FORM_ARGUMENTS[form] + " Nothing was saved.")


def did_you_mean(command: str) -> RichText:
    """A mistyped `ask` form (`ask clsoe 1`)."""
    return say("Did you mean `{command}`? Nothing was saved.", command=command)


def no_such_question(question_id: int) -> RichText:
    """The member has no question with that id."""
    return say("You have no question #{id}. `ask mine` lists your open questions.", id=question_id)


def with_colleagues_already(question_id: int) -> Reply:
    """[Find an expert] on a question already routed."""
    return _reply("Question #{id} is already with colleagues.", id=question_id)


def asked(question_id: int, first_wave: Sequence[Expert], later: int, after_hours: float) -> Reply:
    """Who was asked about the question now, and how many will be asked `later` (after
    `after_hours` working hours) if nobody can help."""
    names = joined("\n", [_expert(e) for e in first_wave])
    more = RichText()
    if later > 0:
        more = say(
            " If no one can help within {hours} working hours, I'll ask {later} more.",
            hours=f"{after_hours:g}",
            later=later,
        )
    return Reply(
        say(
            "Question #{id}: I've asked {people} who may know:\n{names}\n"
            "I'll tell you as soon as someone can help.{more}",
            id=question_id,
            people=_colleagues(len(first_wave)),
            names=names,
            more=more,
        ),
        context=say(
            "`ask mine` shows your open questions; `ask close {id}` closes it.", id=question_id
        ),
    )


def nobody_to_ask(question_id: int, community_channel: bool) -> Reply:
    """Nobody qualified agreed to be asked; offer the community channel when there is one."""
    saved = say(
        "I saved question #{id}, but honestly I don't know anyone yet who has shown expertise "
        "in this and agreed to be asked.",
        id=question_id,
    )
    if not community_channel:
        offer = " Try `expertise who TOPIC` with a shorter topic, or ask in a community channel."
        return Reply(saved + say(offer))
    value = QuestionValue(question_id).encode()
    post = Button(
        "Post it to the community channel", ACTION_POST_TO_COMMUNITY, value, ButtonStyle.PRIMARY
    )
    offer = " Shall I post it to the community channel instead?"
    return Reply(saved + say(offer), buttons=(post,))


def looks_like_a_question(question_id: int) -> Reply:
    """A question seen in a `suggest` channel: offer to route it."""
    value = QuestionValue(question_id).encode()
    return Reply(
        say("That looks like a question. Want me to find a colleague who knows?"),
        buttons=(Button("Find an expert", ACTION_FIND_EXPERT, value, ButtonStyle.PRIMARY),),
    )


# -- answered questions answer the next asker ----------------------------------------------


@dataclass(frozen=True, slots=True)
class EarlierAnswer:
    """A resolved question like the new one: what it asked, who resolved it and when, and
    where it was discussed (a channel or thread on the asker's platform, if any)."""

    question_id: int
    text: str
    resolver: Person
    month: str  # when it was resolved, e.g. "November 2026"
    where: ChannelLink | None


# Long questions are cut in the list; the whole text is one `ask mine` away for its asker.
EARLIER_TEXT_CHARS = 160


def _earlier(answer: EarlierAnswer) -> RichText:
    text = answer.text
    if len(text) > EARLIER_TEXT_CHARS:
        text = text[: EARLIER_TEXT_CHARS - 1].rstrip() + "…"
    line = say(
        "• #{id} “{text}” — resolved by {name}, {month}",
        id=answer.question_id,
        text=text,
        name=answer.resolver,
        month=answer.month,
    )
    if answer.where is not None:
        line = line + say(" (discussed in {where})", where=answer.where)
    return line


def similar_resolved(question_id: int, earlier: Sequence[EarlierAnswer]) -> Reply:
    """Before asking anyone: resolved questions like the new one, each with [#N answers it],
    and [Still ask] to go on to colleagues."""
    buttons = tuple(
        Button(
            f"#{e.question_id} answers it",
            ACTION_ANSWERED_BY_EARLIER,
            EarlierAnswerValue(question_id, e.question_id).encode(),
        )
        for e in earlier
    )
    still = Button(
        "Still ask", ACTION_FIND_EXPERT, QuestionValue(question_id).encode(), ButtonStyle.PRIMARY
    )
    heading = (
        say("Before I ask anyone: this resolved question looks like yours.")
        if len(earlier) == 1
        else say("Before I ask anyone: these resolved questions look like yours.")
    )
    return Reply(
        say(
            "{heading}\n{items}\nDoes one of them answer it? Nobody has been asked yet.",
            heading=heading,
            items=joined("\n", [_earlier(e) for e in earlier]),
        ),
        buttons=(*buttons, still),
        context=say(
            "Saved as question #{id}. *Still ask* sends it to colleagues who know; "
            "`ask close {id}` drops it.",
            id=question_id,
        ),
    )


def answered_by_earlier(question_id: int, earlier_id: int, resolver: Person | None) -> Reply:
    """The asker pressed [#N answers it]."""
    if resolver is None:
        return _reply(
            "Marked question #{id} as answered by #{earlier}. Glad it helped — nobody else "
            "was asked.",
            id=question_id,
            earlier=earlier_id,
        )
    return _reply(
        "Marked question #{id} as answered by #{earlier}, resolved by {name}. Glad it helped "
        "— nobody else was asked, and it counts for {name} next time.",
        id=question_id,
        earlier=earlier_id,
        name=resolver,
    )


EARLIER_GONE = _reply(
    "That earlier question is no longer there to point to. Press *Still ask* to send yours "
    "to colleagues."
)


# -- buttons on invitations and on what the asker is told ---------------------------------


def invitation_buttons(question_id: int, label_suffix: str = "") -> tuple[Button, ...]:
    """[I can help] [Not me] [Suggest someone] (labels with `label_suffix`, in a list)."""
    value = QuestionValue(question_id).encode()
    return (
        Button(f"I can help{label_suffix}", ACTION_ACCEPT, value, ButtonStyle.PRIMARY),
        Button(f"Not me{label_suffix}", ACTION_DECLINE, value),
        Button(f"Suggest someone{label_suffix}", ACTION_REFER, value),
    )


def answered_buttons(question_id: int, helper_id: int, helper_name: str) -> tuple[Button, ...]:
    """[Resolved by X] [Close, no answer needed], for the asker."""
    return (
        Button(
            f"Resolved by {helper_name}",
            ACTION_RESOLVED_BY,
            ResolvedByValue(question_id, helper_id).encode(),
            ButtonStyle.PRIMARY,
        ),
        Button("Close, no answer needed", ACTION_CLOSE, QuestionValue(question_id).encode()),
    )


# -- answering an invitation ------------------------------------------------------------------

INVITATION_EXPIRED = _reply("That invitation was for someone else, or has expired.")
NOTED_ALREADY = _reply("Noted already — thank you.")
DECLINED = _reply("No problem, thanks for saying so — I'll ask someone else.")
SOMEONE_ELSE = say("Please suggest someone other than yourself or the asker.")


def helping_already(question_id: int, asker: Mention | str) -> Reply:
    """[I can help] pressed again by the helper."""
    return _reply(
        "You're already helping with question #{id} — {asker} has your name.",
        id=question_id,
        asker=asker,
    )


def sent_to(names: Sequence[str]) -> Reply:
    """An invitation pressed by someone it was not sent to (a forwarded or shared message)."""
    if len(names) > 1:
        who = say("{some} and {last}", some=", ".join(names[:-1]), last=names[-1])
    else:
        who = RichText.of(names[0])
    return _reply("This was sent to {who}, not to you; nothing was changed.", who=who)


def taken_or_finished(question_id: int, taken: bool, status: str) -> Reply:
    """[I can help] on a question a colleague took, or that is resolved or closed."""
    state = "taken by a colleague" if taken else status
    return _reply(
        "Thank you! Question #{id} is already {state}. Nothing more to do.",
        id=question_id,
        state=state,
    )


def taken_just_now(question_id: int) -> Reply:
    """[I can help] beaten by a colleague's a moment before."""
    return _reply("Thank you! A colleague took question #{id} just now.", id=question_id)


def accepted(asker: Person, text: str) -> Reply:
    """[I can help]: the helper is told the asker knows."""
    return _reply(
        "Thank you! I've told {asker}; please reach out to them about {question}.",
        asker=asker,
        question=quoted(text, 80),
    )


def settled(question_id: int, taken: bool, status: str) -> Reply:
    """[Not me] or a suggestion once the question is taken or finished."""
    if taken:
        why = say("a colleague is already helping with question #{id}.", id=question_id)
    else:
        why = say("question #{id} is already {status}.", id=question_id, status=status)
    return _reply("Thanks — {why} Nothing more to do.", why=why)


def who_would_know(question_id: int | None) -> Reply:
    """[Suggest someone]: buttons cannot carry a name, so ask for it."""
    return _reply(
        "Who would know? Reply with `ask suggest {id} @name` and I'll ask them for you.",
        id=question_id or "ID",
    )


def not_asked(question_id: int) -> RichText:
    """A suggestion for a question the member was not asked about."""
    return say("You weren't asked about question #{id}.", id=question_id)


def opted_out(colleague: Person) -> Reply:
    """The colleague suggested asked not to be sent questions."""
    return _reply("{name} has asked not to be sent questions.", name=colleague)


def away(colleague: Person) -> Reply:
    """The colleague suggested is away."""
    return _reply("{name} is away; could you suggest someone else?", name=colleague)


def asked_already(colleague: Person) -> Reply:
    """The colleague suggested was asked already."""
    return _reply("Thanks — {name} was already asked about this one.", name=colleague)


def referred(colleague: Person, question_id: int) -> Reply:
    """The colleague suggested is asked."""
    return _reply("Thanks! I've asked {name} about question #{id}.", name=colleague, id=question_id)


# -- closing ----------------------------------------------------------------------------------

FOR_THE_ASKER = _reply("That button was for the person who asked.")


def finished_already(question_id: int, status: str) -> Reply:
    """Closing or resolving a question that is resolved or closed."""
    return _reply("Question #{id} is already {status}.", id=question_id, status=status)


def closed(question_id: int, hoping: bool = False) -> Reply:
    """Closed without an answer (`hoping`: by `ask close`, wishing the asker well)."""
    wish = " I hope you found what you needed." if hoping else ""
    return _reply("Closed question #{id}.{wish}", id=question_id, wish=wish)


def was_it_answered(question_id: int, buttons: tuple[Button, ...]) -> Reply:
    """`ask close ID` while someone helps: ask whether it was answered."""
    return Reply(
        say("Was question #{id} answered?", id=question_id),
        buttons=buttons,
        context=say("Someone else answered it? `ask close {id} @name`.", id=question_id),
    )


def resolved(question_id: int, by: Person | None) -> Reply:
    """Resolved by a colleague (`by`), or by the asker themselves (None)."""
    if by is None:
        return _reply("Marked question #{id} as resolved. Glad you found it!", id=question_id)
    return _reply(
        "Marked question #{id} as resolved by {name}. Thank you — this helps me route the "
        "next question on this topic.",
        id=question_id,
        name=by,
    )


# -- listings ---------------------------------------------------------------------------------

NOTHING_OPEN = _reply(
    "You have no open questions, and nobody is waiting for your help right now. Ask one with "
    "`ask YOUR QUESTION`."
)


@dataclass(frozen=True, slots=True)
class OpenQuestion:
    """One of the member's open questions, and who helps (None: nobody has taken it)."""

    question_id: int
    text: str
    helper: Person | None


def your_questions(mine: Sequence[OpenQuestion], waiting: Sequence[tuple[int, str]]) -> Reply:
    """`ask mine`: the member's open questions, and those waiting for their help (each with
    its invitation's buttons)."""
    if not mine and not waiting:
        return NOTHING_OPEN
    lines: list[RichText] = []
    if mine:
        lines.append(say("*Your open questions*"))
    for question in mine:
        state = say("colleagues asked, no taker yet")
        if question.helper is not None:
            state = say("{helper} is helping", helper=question.helper)
        line = "• #{id} {question} — {state}"
        lines.append(
            say(line, id=question.question_id, question=quoted(question.text, 70), state=state)
        )
    buttons: list[Button] = []
    if waiting:
        lines.append(say("*Questions you were asked to help with*"))
    for question_id, text in waiting:
        lines.append(say("• #{id} {question}", id=question_id, question=quoted(text, 70)))
        buttons.extend(invitation_buttons(question_id, label_suffix=f" #{question_id}"))
    return Reply(joined("\n", lines), buttons=tuple(buttons))


def experts_on(topic: str, experts: Sequence[Expert]) -> Reply:
    """`expertise who TOPIC`: who knows, and why them."""
    if not experts:
        return Reply(
            say("Nobody who agreed to be asked has shown expertise in {t} yet.", t=quoted(topic)),
            context=say("Know it yourself? `expertise add SKILL` (or `expertise optin`)."),
        )
    lines = [say("*Who knows about {topic}*", topic=quoted(topic, 40))]
    lines += [_expert(e) for e in experts]
    return Reply(joined("\n", lines), context=say("`ask YOUR QUESTION` asks them for you."))


# -- consent and channels ---------------------------------------------------------------------

OPTED_IN = _reply(
    "Thanks! Colleagues' questions that match your expertise may now come to you, a few a week "
    "at most. `expertise optout` stops them at any time."
)
DEFAULT_IN = _reply("Everyone can now be suggested as an expert unless they `expertise optout`.")
DEFAULT_OUT = _reply(
    "Members are now suggested only once they opt in (declaring expertise or `expertise optin`)."
)
MODE_OUTSIDE_CHANNEL = say("Run `ask mode` in the channel you want to change.")


def opted_out_yourself(withdrawn: int) -> Reply:
    """`expertise optout`, and how many invitations not sent yet were withdrawn."""
    extra = say(" ({n} waiting invitation(s) withdrawn)", n=withdrawn) if withdrawn else ""
    return _reply(
        "Done: I won't suggest you as an expert any more{extra}. `expertise optin` turns it "
        "back on.",
        extra=extra,
    )


def mode_set(mode: str) -> Reply:
    """`ask mode off|suggest|auto`: what the bot now does with questions in the channel."""
    template = "Questions in this channel: *{mode}*. {explained}"
    return _reply(template, mode=mode, explained=_MODES[mode])
