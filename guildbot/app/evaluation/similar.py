"""Similar questions on an archive: how often an earlier resolved question is offered to a
test question, and how often the offer answers it.

The split is `routing.split`'s: the first 80 % of the questions with an accepted answer are
the earlier, resolved questions; each test question is looked up among them with the live
code (`matching.similar`, its default threshold and limit). A question is written as its
title twice and then its body: the title is what an asker types into chat, the body its
detail.

Reported, for the test questions whose accepted answerer answered an earlier question (the
ones an earlier answer could have served):

- how many got at least one offer, and how many offers there were;
- the share of offers whose earlier question was resolved by the same person (a proxy: the
  same expert, not always the same answer);
- precision on a labelled sample: the best offer of each test question judged by reading
  both questions, "answers it" or not (`similar_labels.LABELS`; ids only, no text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from guildbot.app.evaluation.archive import Archive, Question
from guildbot.app.evaluation.similar_labels import LABELS
from guildbot.matching.similar import SimilarQuestions

TRAIN_SHARE = 0.8


@dataclass(frozen=True, slots=True)
class SimilarResult:
    """The similar-questions figures of one archive."""

    eligible: int  # test questions whose accepted answerer answered an earlier one
    offered: int  # of those, how many were offered at least one earlier question
    offers: int  # offers made to them, in all
    same_resolver: int  # offers whose earlier question the same person resolved
    labelled: int  # best offers (of any test question) with a label
    judged_answers: int  # of those, judged to answer the test question
    unlabelled: int  # best offers without a label (a changed threshold or tokenizer)

    @property
    def precision(self) -> float:
        """Labelled best offers judged to answer the question, as a share."""
        return self.judged_answers / self.labelled if self.labelled else 0.0


def written(question: Question) -> str:
    """A question as an asker would type it: the title (twice: it is the gist), the body."""
    return f"{question.title} {question.title} {question.body}"


def measure(archive: Archive) -> SimilarResult:
    """Offer earlier questions to each test question, as `ask` does."""
    answers = {answer.id: answer for answer in archive.answers}
    usable = [
        q
        for q in archive.questions
        if q.accepted_answer_id in answers and answers[q.accepted_answer_id].owner is not None
    ]
    dated = bool(usable) and all(q.created is not None for q in usable)
    usable.sort(key=(lambda q: (q.created, q.id)) if dated else (lambda q: (None, q.id)))
    cut = int(len(usable) * TRAIN_SHARE)
    earlier, tests = usable[:cut], usable[cut:]
    index = SimilarQuestions()
    resolver: dict[int, int | None] = {}
    for question in earlier:
        index.add(question.id, written(question), question.tags)
        resolver[question.id] = answers[question.accepted_answer_id or 0].owner
    answered_earlier = {
        a.owner for a in archive.answers if a.owner is not None and a.parent_id in resolver
    }
    labels = LABELS.get(archive.name, {})
    eligible = offered = offers = same = labelled = judged = unlabelled = 0
    for question in tests:
        truth = answers[question.accepted_answer_id or 0].owner
        found = index.similar(written(question), question.tags)
        if found:
            label = labels.get((question.id, found[0].key))
            if label is None:
                unlabelled += 1
            else:
                labelled += 1
                judged += label
        if truth not in answered_earlier or truth == question.owner:
            continue
        eligible += 1
        offered += bool(found)
        offers += len(found)
        same += sum(1 for match in found if resolver.get(match.key) == truth)
    return SimilarResult(eligible, offered, offers, same, labelled, judged, unlabelled)


def format_line(result: SimilarResult) -> str:
    """The report's line."""
    share = result.offered / result.eligible if result.eligible else 0.0
    same = result.same_resolver / result.offers if result.offers else 0.0
    judged = (
        f"labelled best offers: {result.judged_answers} of {result.labelled} answer it "
        f"(precision {result.precision:.0%})"
        if result.labelled
        else "no labelled offers"
    )
    return (
        f"  similar questions: {result.offered} of {result.eligible} answerable test "
        f"questions offered an earlier one ({share:.1%}; {result.offers} offers, "
        f"{same:.0%} resolved by the same person); {judged}"
        + (f"; {result.unlabelled} best offers unlabelled" if result.unlabelled else "")
    )


def pooled_line(results: Sequence[SimilarResult]) -> str:
    """The similar-questions figures summed over files."""
    total = SimilarResult(
        sum(r.eligible for r in results),
        sum(r.offered for r in results),
        sum(r.offers for r in results),
        sum(r.same_resolver for r in results),
        sum(r.labelled for r in results),
        sum(r.judged_answers for r in results),
        sum(r.unlabelled for r in results),
    )
    return "pooled" + format_line(total).removeprefix(" ")
