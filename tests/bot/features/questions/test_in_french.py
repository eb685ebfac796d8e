"""Expert routing in each reader's language, end to end: a French member asks with
`demander` and is answered in French; each colleague asked reads their invitation (its
buttons too) in their own language, the asker's good news is in the asker's, and an
escalation written hours before it is sent is in its recipient's. Bad French input is
refused in French and changes nothing."""

from datetime import timedelta

import pytest

from guildbot.bot.clock import ManualClock
from guildbot.bot.features.questions.buttons import ACTION_ACCEPT, ACTION_DECLINE
from guildbot.bot.features.questions.working_hours import add_working_hours
from guildbot.bot.scheduler.tick import Ticker
from guildbot.contract.adapter import PlatformProfile
from guildbot.contract.inbound import MessageReceived
from guildbot.contract.refs import ConversationKind, ConversationRef
from guildbot.storage.models import Invitation, Question
from tests.bot.features.questions.helpers import PDF_QUESTION, facilitated_community, to
from tests.fakes import PLATFORM, WORKSPACE, Harness, button

NBSP, NNBSP = "\u00a0", "\u202f"
QUESTION = "Comment vérifier l'accessibilité d'un PDF numérisé pour les lecteurs d'écran ?"


@pytest.fixture
def people(harness: Harness) -> Harness:
    """Zoé asks, in French; Camille (French) and Lea (English) know PDFs best; Rahul
    (English) and Kim (French) know accessibility, asked only if nobody takes it."""
    for user, name in (("zoe", "Zoé Tremblay"), ("camille", "Camille Roy"), ("kim", "Kim Roy")):
        harness.adapter.profiles[user] = PlatformProfile(name, locale="fr-CA")
    return harness


async def knowers(harness: Harness, *users: str) -> None:
    skills = {
        "camille": "pdf accessibility, accessibility",
        "lea": "pdf accessibility, accessibility",
        "rahul": "accessibility, wcag",
        "kim": "accessibility",
    }
    for user in users:
        await harness.text(user, f"expertise add {skills[user]}")


async def test_a_french_asker_reads_french_and_each_expert_their_own_language(
    people: Harness, ticker: Ticker
) -> None:
    await knowers(people, "camille", "lea", "rahul", "kim")
    (reply,) = await people.say("zoe", f"demander {QUESTION}")
    assert reply.text.startswith(
        f"Question nº{NBSP}1{NBSP}: j'ai demandé à 2 collègues qui s'y connaissent "
        f"peut-être{NBSP}:\n• Camille Roy (@camille) — a déclaré pdf accessibility et "
        "accessibility\n"
    )
    assert reply.text.endswith(
        "Je vous préviens dès que quelqu'un peut vous aider. Si personne ne peut vous aider "
        "d'ici 4 heures ouvrables, je demanderai à 2 autres personnes."
    )
    assert reply.context == (
        f"`demander mine` affiche vos questions ouvertes{NNBSP}; `demander close 1` la ferme."
    )

    sent = await people.deliver(ticker)
    [french] = to(sent, "camille")
    assert french.text.startswith(
        f"Zoé Tremblay a une question à laquelle vous pourriez peut-être répondre{NBSP}: "
        f"«{NBSP}{QUESTION}{NBSP}»\nPourquoi vous{NBSP}: a déclaré pdf accessibility et "
        "accessibility."
    )
    assert [b.label for b in french.buttons] == ["Je peux aider", "Pas moi", "Suggérer quelqu'un"]
    assert french.context is not None and french.context.startswith(
        "Ce message n'est visible que par vous."
    )
    [english] = to(sent, "lea")
    assert english.text.startswith(
        f"Zoé Tremblay has a question you may be able to answer: “{QUESTION}”\nWhy you: "
        "declared pdf accessibility and accessibility."
    )
    assert [b.label for b in english.buttons] == ["I can help", "Not me", "Suggest someone"]
    assert english.context == (
        "Only you can see this. Questions come a few a week at most; `expertise optout` stops them."
    )

    (thanks,) = await people.press("camille", button(french, action=ACTION_ACCEPT))
    assert thanks.text.startswith(f"Merci{NNBSP}! J'ai prévenu Zoé Tremblay (@zoe){NNBSP};")
    after = await people.deliver(ticker)
    [good_news] = to(after, "zoe")
    assert good_news.text.startswith(
        f"Bonne nouvelle{NBSP}: Camille Roy (@camille) peut vous aider avec votre question "
        f"nº{NBSP}1 «{NBSP}"
    )
    assert [b.label for b in good_news.buttons] == [
        "Résolue par Camille Roy",
        "Fermer, pas besoin de réponse",
    ]
    [taken] = to(after, "lea")
    assert taken.text.startswith("Thanks — Camille Roy is helping with question #1 “")
    # Lea presses her invitation late: her answer is English, Camille's again French.
    (late,) = await people.press("lea", button(english, action=ACTION_ACCEPT))
    assert (
        late.text == "Thank you! Question #1 is already taken by a colleague. Nothing more to do."
    )
    (again,) = await people.press("camille", button(french, action=ACTION_ACCEPT))
    assert again.text.startswith(f"Vous aidez déjà pour la question nº{NBSP}1 — ")


async def test_an_escalation_is_in_the_language_of_the_colleague_it_is_sent_to(
    people: Harness, ticker: Ticker, clock: ManualClock
) -> None:
    await knowers(people, "lea", "rahul", "kim")
    (reply,) = await people.say("zoe", f"demander {QUESTION}")
    assert "je demanderai à 1 autre personne." in reply.text
    first = await people.deliver(ticker)
    assert {u for u in ("lea", "rahul", "kim") if to(first, u)} == {"lea", "rahul"}
    # Four working hours later in Zoé's zone, whichever it is (her community has no
    # facilitators to ask after a day).
    clock.advance(timedelta(days=1))
    [escalated] = to(await people.deliver(ticker), "kim")
    assert escalated.text.startswith("Zoé Tremblay a une question à laquelle vous pourriez")
    assert [b.label for b in escalated.buttons] == [
        "Je peux aider",
        "Pas moi",
        "Suggérer quelqu'un",
    ]
    (declined,) = await people.press("kim", button(escalated, action=ACTION_DECLINE))
    assert declined.text == (
        "Pas de problème, merci de l'avoir dit — je vais demander à quelqu'un d'autre."
    )


async def test_one_colleague_in_french_is_singular(people: Harness) -> None:
    await knowers(people, "camille")
    (reply,) = await people.say("zoe", f"demander {QUESTION}")
    assert reply.text.startswith(
        f"Question nº{NBSP}1{NBSP}: j'ai demandé à 1 collègue qui s'y connaît "
        f"peut-être{NBSP}:\n• Camille Roy (@camille) — "
    )
    assert "Si personne" not in reply.text  # nobody else to ask later


async def test_bad_french_input_is_refused_in_french_and_changes_nothing(
    people: Harness,
) -> None:
    await knowers(people, "camille")
    await people.say("zoe", "profil")
    before = (await people.count(Question), await people.count(Invitation))
    assert await people.text("zoe", "demander pdf ?") == (
        f"Pourriez-vous en dire un peu plus{NNBSP}? J'oriente les questions selon leur "
        f"sujet{NBSP}: une phrase fonctionne le mieux, p. ex. `demander Comment rendre un PDF "
        f"numérisé accessible{NNBSP}?`"
    )
    long = "demander " + "Comment rendre un PDF numérisé accessible ? " * 80
    assert await people.text("zoe", long) == (
        f"Cette question fait 3{NNBSP}519 caractères{NNBSP}; gardez-la sous 3{NNBSP}000, s'il "
        "vous plaît (vous ajouterez les détails en parlant à l'expert)."
    )
    assert await people.text("zoe", "demander close 7") == (
        f"Vous n'avez pas de question nº{NBSP}7. `demander mine` liste vos questions ouvertes."
    )
    assert (await people.text("zoe", "demander close abc")).startswith(
        "`demander close` prend le numéro de la question (voir `demander mine`), p. ex. "
        "`demander close 12`. Rien n'a été enregistré."
    )
    assert await people.text("zoe", "demander clsoe 1") == (
        f"Vouliez-vous dire `demander close 1`{NNBSP}? Rien n'a été enregistré."
    )
    assert (await people.text("zoe", "demander mine")).startswith(
        "Vous n'avez aucune question ouverte, et personne n'attend votre aide en ce moment."
    )
    assert (await people.count(Question), await people.count(Invitation)) == before


async def test_demander_is_ask_and_a_near_miss_suggests_the_readers_word(people: Harness) -> None:
    await people.say("zoe", "profil")
    await people.say("ana", "profile")
    assert (await people.text("zoe", "demandr mine")).startswith(
        f"Je ne connais pas la commande «{NBSP}demandr{NBSP}». Vouliez-vous dire `demander`{NNBSP}?"
    )
    assert (await people.text("ana", "askk mine")).startswith(
        "I don't know the command “askk”. Did you mean `ask`?"
    )
    # Either word works for either reader; the answer is in the reader's language.
    assert (await people.text("ana", "demander mine")).startswith("You have no open questions")
    assert (await people.text("zoe", "ask mine")).startswith("Vous n'avez aucune question")
    help_text = await people.text("zoe", "aide demander")
    assert help_text.startswith("*demander* — ")
    assert "• `demander mine` — vos questions ouvertes, et celles qu'on vous a posées" in help_text


async def test_a_withdrawn_invitation_is_counted_in_french(people: Harness) -> None:
    await knowers(people, "lea", "rahul", "kim")
    await people.say("zoe", f"demander {QUESTION}")  # Kim is to be asked later
    assert await people.text("kim", "expertise optout") == (
        f"C'est fait{NBSP}: je ne vous suggérerai plus comme expert (1 invitation en attente "
        "retirée). `expertise optin` réactive les suggestions."
    )
    assert await people.text("camille", "expertise optout") == (
        f"C'est fait{NBSP}: je ne vous suggérerai plus comme expert. `expertise optin` "
        "réactive les suggestions."
    )


async def test_a_question_posted_to_a_french_community_is_in_french_then_in_both(
    people: Harness, ticker: Ticker
) -> None:
    channel = ConversationRef(PLATFORM, WORKSPACE, "C1", None, ConversationKind.CHANNEL)
    await people.say("fay", "community create Accessibility CoP")
    await people.say("fay", "community link accessibility-cop", where=channel)
    await people.say("fay", "community language accessibility-cop fr")
    await people.say("zoe", "community join accessibility-cop")
    (nobody,) = await people.say("zoe", f"demander {QUESTION}")
    assert nobody.text.endswith(
        f"Voulez-vous que je la publie plutôt dans le canal de la communauté{NNBSP}?"
    )
    [post_it] = nobody.buttons
    assert post_it.label == "La publier dans le canal de la communauté"
    (posted,) = await people.press("zoe", post_it)
    assert posted.text == (
        f"Publiée dans le canal de la communauté. J'espère que quelqu'un là-bas saura{NNBSP}!"
    )
    [post] = [m for m in await people.deliver(ticker) if m.to.channel_id == "C1"]
    assert post.text == (
        f"Zoé Tremblay (@zoe) demande{NBSP}: «{NBSP}{QUESTION}{NBSP}» Quelqu'un peut-il "
        f"aider{NNBSP}? Répondez dans un fil."
    )

    await people.say("fay", "community language accessibility-cop both")
    other = "Comment baliser un tableau complexe dans un PDF accessible ?"
    (nobody,) = await people.say("zoe", f"demander {other}")
    await people.press("zoe", nobody.buttons[0])
    [post] = [m for m in await people.deliver(ticker) if m.to.channel_id == "C1"]
    english, french = post.text.split("\n———\n")
    assert english == (f"Zoé Tremblay (@zoe) asks: “{other}” Can anyone help? Reply in a thread.")
    assert french.startswith(f"Zoé Tremblay (@zoe) demande{NBSP}: «{NBSP}{other}{NBSP}»")


async def test_a_french_facilitator_asked_after_a_working_day_reads_french(
    people: Harness, ticker: Ticker, clock: ManualClock
) -> None:
    people.adapter.profiles["sam"] = PlatformProfile("Sam Côté", locale="fr-CA")
    await facilitated_community(people, "sam")
    await knowers(people, "lea")
    await people.say("amara", PDF_QUESTION)  # about the community's craft, in English
    await people.deliver(ticker)
    # A working day in Amara's zone (Toronto, as the English test says), a tick an hour.
    day_later = add_working_hours(clock.now(), 8, "America/Toronto")
    sent = []
    while clock.now() < day_later:
        clock.advance(min(timedelta(hours=1), day_later - clock.now()))
        sent += await people.deliver(ticker)
    [to_sam] = to(sent, "sam")
    assert to_sam.text.startswith(
        "Personne n'a pris cette question posée par Amara (@amara) depuis une journée de "
        f"travail{NBSP}: «{NBSP}How do I check"
    )
    assert f"\nPersonnes sollicitées jusqu'ici{NBSP}: Lea (@lea)." in to_sam.text
    assert [b.label for b in to_sam.buttons] == ["Je peux aider", "Pas moi", "Suggérer quelqu'un"]
    (accepted,) = await people.press("sam", button(to_sam, action=ACTION_ACCEPT))
    assert accepted.text.startswith(f"Merci{NNBSP}! J'ai prévenu Amara")


async def test_in_a_french_communitys_channel_the_introduction_is_french(
    people: Harness, ticker: Ticker
) -> None:
    await knowers(people, "camille", "lea")
    channel = ConversationRef(PLATFORM, WORKSPACE, "C-a11y", None, ConversationKind.CHANNEL)
    await people.say("fay", "community create Accessibility CoP")
    await people.say("fay", "community link accessibility-cop", where=channel)
    await people.say("fay", "community language accessibility-cop fr")
    await people.say("zoe", "profil")
    assert (await people.text("zoe", "demander mode auto", where=channel)).startswith(
        "Seuls les animateurs de la communauté de ce canal"
    )
    assert await people.text("fay", "ask mode auto", where=channel) == (
        "Questions in this channel: *auto*. I'll route questions asked here to colleagues who know."
    )
    await people.handle(MessageReceived("m-fr", people.ref("zoe"), channel, QUESTION))
    [french] = to(await people.deliver(ticker), "camille")
    await people.press("camille", button(french, action=ACTION_ACCEPT))
    [introduction] = [m for m in await people.deliver(ticker) if m.to.channel_id == "C-a11y"]
    assert introduction.text == (
        "Zoé Tremblay (@zoe), Camille Roy (@camille) peut vous aider avec cette question."
    )


async def test_expertise_who_in_french(people: Harness) -> None:
    await people.say("zoe", "profil")
    assert await people.text("zoe", "expertise who pdf accessibility") == (
        "Personne parmi ceux qui acceptent d'être sollicités n'a encore montré d'expertise en "
        f"«{NBSP}pdf accessibility{NBSP}»."
    )
    await knowers(people, "camille")
    (found,) = await people.say("zoe", "expertise who pdf accessibility")
    assert found.text == (
        f"*Qui s'y connaît en «{NBSP}pdf accessibility{NBSP}»*\n"
        "• Camille Roy (@camille) — a déclaré pdf accessibility et accessibility"
    )
    assert found.context == "`demander VOTRE QUESTION` leur pose la question pour vous."
