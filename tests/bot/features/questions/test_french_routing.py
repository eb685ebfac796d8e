"""French questions reach the colleagues who resolved French questions like them.

A small French Q&A history — fifteen resolved questions by five colleagues, each in a craft of
their own — is stored as evidence the way resolving stores it; then new French questions,
worded differently (other inflections, accents or not, elisions), are asked with `ask`, and
the colleague invited first must be the one who resolved the similar ones. One colleague
resolved English Kubernetes questions and another French ones: each language finds its own.
"""

from __future__ import annotations

import itertools
import unicodedata
from datetime import timedelta

import pytest

from guildbot.bot.clock import ManualClock
from guildbot.contract.inbound import MessageReceived
from guildbot.contract.refs import ConversationKind, ConversationRef
from guildbot.matching.text import is_question
from guildbot.storage.repositories.expertise import ExpertiseRepository
from tests.fakes import PLATFORM, WORKSPACE, Harness, RecordingAdapter, Sent

# Who resolved what, in their own words.
HISTORY: dict[str, tuple[str, ...]] = {
    "camille": (
        "Comment rendre un PDF numérisé accessible aux lecteurs d'écran ?",
        "Quels critères du RGAA s'appliquent aux formulaires en ligne ?",
        "Le contraste des couleurs de notre site respecte-t-il les règles d'accessibilité ?",
    ),
    "julien": (
        "Comment découper un projet en jalons et suivre l'avancement avec l'équipe ?",
        "Quel outil de gestion de projet pour planifier les tâches d'une petite équipe ?",
        "Comment présenter un diagramme de Gantt et les risques du projet au comité de pilotage ?",
    ),
    "ines": (
        "Comment calculer un intervalle de confiance sur une moyenne avec un petit échantillon ?",
        "Faut-il une régression logistique ou un test du khi-deux pour ces données d'enquête ?",
        "Comment pondérer les réponses d'une enquête pour corriger l'échantillon ?",
    ),
    "margaux": (
        "Quel est le délai de recours contre une décision administrative ?",
        "Une autorisation d'urbanisme peut-elle être retirée par la mairie après deux mois ?",
        "Comment rédiger la motivation d'un arrêté pour respecter le droit administratif ?",
    ),
    "theo": (
        "Pourquoi mon pod redémarre en boucle sur le cluster Kubernetes ?",
        "Comment limiter la mémoire et le processeur d'un conteneur dans Kubernetes ?",
        "Comment exposer un service Kubernetes avec un ingress et un certificat ?",
    ),
    # The same craft as Théo's, in English.
    "omar": (
        "How do I schedule a Kubernetes cron job every night?",
        "Why does my Kubernetes deployment roll back after a failed health check?",
        "How should we size node pools for a Kubernetes cluster?",
    ),
}
EXPERTS = tuple(HISTORY)

# New questions and who should be asked first; none repeats a resolved one.
NEW_QUESTIONS = (
    (
        "Est-ce que quelqu'un sait vérifier l'accessibilité d'un PDF pour les lecteurs d'écran ?",
        "camille",
    ),
    ("Les formulaires de notre site doivent-ils suivre le RGAA ?", "camille"),
    ("Comment suivre l'avancement des jalons d'un projet avec mon équipe ?", "julien"),
    ("Qui peut m'aider à préparer le comité de pilotage du projet ?", "julien"),
    (
        "Comment calculer l'intervalle de confiance d'une proportion sur un petit echantillon ?",
        "ines",
    ),
    ("Comment pondérer un échantillon d'enquete ?", "ines"),
    ("Quel délai pour contester une décision administrative de la mairie ?", "margaux"),
    ("Savez-vous comment motiver un arrêté municipal ?", "margaux"),
    ("Mon conteneur redémarre sans arrêt dans le cluster, une idée ?", "theo"),
    ("Comment configurer un ingress Kubernetes avec un certificat ?", "theo"),
    ("How do I configure a Kubernetes cron job that runs every night?", "omar"),
    # Typed without accents, as chat often is; the history has them.
    ("Qui connait bien l'accessibilite numerique ?", "camille"),
    ("Besoin d'aide pour ponderer un echantillon d'enquete", "ines"),
    ("Une decision de la mairie peut-elle etre retiree apres deux mois ?", "margaux"),
    ("Des conseils pour le diagramme de Gantt du comite de pilotage", "julien"),
    ("Mon pod redemarre en boucle, quelqu'un sait pourquoi ?", "theo"),
    ("Le contraste de ce site est-il suffisant pour l'accessibilite ?", "camille"),
)


def without_accents(text: str) -> str:
    """As typed on a keyboard without French accents."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


# And each French one typed without accents.
TYPED_PLAINLY = tuple((without_accents(q), e) for q, e in NEW_QUESTIONS if without_accents(q) != q)


async def resolved_history(harness: Harness, clock: ManualClock) -> None:
    """Each colleague resolved their questions in the last months, as `ask close` records."""
    await harness.text("asker", "profile")
    for user in EXPERTS:
        await harness.text(user, "expertise optin")
    async with harness.app.database.transaction() as session:
        expertise = ExpertiseRepository(session)
        for user, questions in HISTORY.items():
            member_id = await harness.member_id(user)
            for months, text in enumerate(questions, start=1):
                at = clock.now() - timedelta(days=30 * months)
                await expertise.add_evidence(member_id, "accepted", text, (), None, at)


def first_asked(reply: str) -> str | None:
    """The colleague the reply names first."""
    named = [user for user in EXPERTS if user.title() in reply]
    return min(named, key=lambda user: reply.index(user.title()), default=None)


@pytest.mark.parametrize(("question", "expert"), NEW_QUESTIONS + TYPED_PLAINLY)
async def test_a_question_reaches_who_resolved_ones_like_it(
    harness: Harness, clock: ManualClock, question: str, expert: str
) -> None:
    await resolved_history(harness, clock)
    reply = await harness.text("asker", f"ask {question}")
    assert "I've asked" in reply, reply
    assert first_asked(reply) == expert, reply


async def test_french_function_words_alone_find_nobody(
    harness: Harness, clock: ManualClock
) -> None:
    # "est-ce que", "avec", "le", "pour" are in everyone's history: no reason to ask anyone.
    await resolved_history(harness, clock)
    reply = await harness.text(
        "asker", "ask Est-ce que quelqu'un pourrait m'aider avec le nouveau truc pour lundi ?"
    )
    assert "I don't know anyone yet" in reply, reply


async def test_every_new_french_question_is_detected_as_a_question() -> None:
    assert [q for q, _ in NEW_QUESTIONS if not is_question(q)] == []


async def test_a_french_question_reaches_a_skill_declared_in_english(harness: Harness) -> None:
    # "accessibilité" is the cognate of the declared "accessibility": Lea is asked.
    await harness.text("lea", "expertise add accessibility")
    await harness.text("omar", "expertise add kubernetes")
    await harness.text("asker", "profile")
    reply = await harness.text("asker", "ask Comment améliorer l'accessibilité de nos PDF ?")
    assert "I've asked" in reply and "Lea" in reply and "Omar" not in reply, reply


async def test_an_auto_channel_routes_french_questions_and_lets_french_chat_pass(
    harness: Harness, adapter: RecordingAdapter, clock: ManualClock
) -> None:
    await resolved_history(harness, clock)
    await harness.text("fay", "community create Accessibilité numérique")
    channel = ConversationRef(PLATFORM, WORKSPACE, "C-a11y-fr", None, ConversationKind.CHANNEL)
    await harness.text("fay", "community link accessibilite-numerique", where=channel)
    assert "*auto*" in await harness.text("fay", "ask mode auto", where=channel)

    ids = itertools.count()

    async def message(user: str, text: str) -> list[Sent]:
        before = len(adapter.sent)
        await harness.handle(MessageReceived(f"m-{next(ids)}", harness.ref(user), channel, text))
        return adapter.sent[before:]

    for chat in ("Bonjour à tous !", "Merci beaucoup, ça marche.", "On mange où ?"):
        assert await message("asker", chat) == [], chat
    # No question mark: the French opening asks.
    [routed] = await message("asker", "Comment vérifier l'accessibilité d'un formulaire PDF")
    assert "I've asked" in routed.text and first_asked(routed.text) == "camille", routed.text
