"""Skill vocabulary: canonical names with aliases, and fuzzy normalisation of what people type.

"K8s", "kubernetes" and "Kubernetes " are one skill; "kubernets" is probably a typo and gets a
suggestion, never a silent new skill. Accents do not tell skills apart ("sécurité" is
"securite"), and a French cognate finds its English skill ("accessibilité" -> "accessibility",
"statistiques" -> "statistics"). Pure: the caller supplies the vocabulary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process, utils

from guildbot.matching.text import fold_accents, raw_tokens

MAX_SKILL_LENGTH = 60
# Below this similarity (0-100) a typed skill is treated as new rather than a typo.
SUGGESTION_THRESHOLD = 82.0
# Very short keys ("go", "r", "c#") are too easy to confuse; they must match exactly.
MIN_FUZZY_LENGTH = 4

_SPACES = re.compile(r"\s+")
# Keep the characters that make skills distinct (c#, c++, .net, node.js, wcag-2.1, ci/cd).
_ALLOWED = re.compile(r"[^\w\s#+./&'-]")
# French endings and their English cognates' ("accessibilite" -> "accessibility"), tried on a
# word of at least `MIN_COGNATE_LENGTH` letters that is no skill itself.
_COGNATE_ENDINGS = (
    ("ite", "ity"),
    ("ique", "ics"),
    ("ique", "ic"),
    ("ie", "y"),
    ("aire", "ary"),
    ("if", "ive"),
    ("nel", "nal"),
)
MIN_COGNATE_LENGTH = 6
# A French apostrophe is kept as "'" ("d’impact" is "d'impact"), as the tokenizer reads it.
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})
# Keys stored before that lost the apostrophe ("analyse d impact"): read as the elision.
_LOST_ELISION = re.compile(r"\b(l|d|qu|jusqu|lorsqu|puisqu|quoiqu|quelqu|presqu) (?=[aeiouyh])")


class MatchKind(StrEnum):
    """How a typed skill relates to the vocabulary."""

    KNOWN = "known"  # the canonical name or one of its aliases
    SUGGESTION = "suggestion"  # close to one or more known skills: ask before adding
    NEW = "new"  # nothing close: a new skill for the vocabulary
    INVALID = "invalid"  # empty, too long, or made only of punctuation


@dataclass(frozen=True, slots=True)
class SkillMatch:
    """The outcome of normalising one typed skill."""

    typed: str
    kind: MatchKind
    key: str  # the cleaned form of what was typed
    canonical: str | None = None  # for KNOWN
    suggestions: tuple[str, ...] = ()  # for SUGGESTION, best first


def skill_key(text: str) -> str:
    """The comparable form of a skill name: NFKC, lower case, single spaces, no stray symbols."""
    cleaned = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)
    cleaned = "".join(ch for ch in cleaned if ch.isprintable())
    cleaned = _ALLOWED.sub(" ", cleaned)
    cleaned = _SPACES.sub(" ", cleaned).strip(" '-/&")
    return cleaned


def _comparable(key: str) -> str:
    """A skill key as the tokenizer reads it: "Analyse d’impact" and "analyse impact" meet."""
    return " ".join(raw_tokens(key)) or key


def split_skill_list(text: str) -> list[str]:
    """Split "k8s, PDF accessibility; python" into its items (commas or semicolons)."""
    return [item.strip() for item in re.split(r"[,;\n]", text) if item.strip()]


class SkillVocabulary:
    """The organisation's skills: canonical name -> aliases, with fuzzy lookup."""

    def __init__(self, skills: Mapping[str, Iterable[str]] | None = None) -> None:
        self._canonical_of: dict[str, str] = {}
        # Keys as the tokenizer reads them (accents folded, elision undone): stored skills
        # keep their accents and apostrophes ("analyse d'impact"), what people type and the
        # words `find_skills` joins from a question may not have them.
        self._folded: dict[str, str] = {}
        for name, aliases in (skills or {}).items():
            self.add(name, aliases)

    def add(self, name: str, aliases: Iterable[str] = ()) -> None:
        """Add (or extend) a skill. An alias already taken by another skill is ignored."""
        canonical = skill_key(name)
        if not canonical:
            raise ValueError(f"not a usable skill name: {name!r}")
        self._canonical_of.setdefault(canonical, canonical)
        self._index_comparable(canonical, self._canonical_of[canonical])
        for alias in aliases:
            key = skill_key(alias)
            if key:
                self._canonical_of.setdefault(key, canonical)
                self._index_comparable(key, self._canonical_of[key])

    def _index_comparable(self, key: str, canonical: str) -> None:
        self._folded.setdefault(_comparable(key), canonical)
        self._folded.setdefault(_comparable(_LOST_ELISION.sub(r"\1'", key)), canonical)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and skill_key(name) in self._canonical_of

    @property
    def canonical_names(self) -> list[str]:
        """Every canonical skill, sorted."""
        return sorted(set(self._canonical_of.values()))

    def canonical(self, typed: str) -> str | None:
        """The canonical skill for a name or alias (accents aside) or a French cognate of one
        ("accessibilité", "statistiques"), else None."""
        key = skill_key(typed)
        return self._known(key) or self._cognate(fold_accents(key))

    def _known(self, key: str) -> str | None:
        return self._canonical_of.get(key) or self._folded.get(_comparable(key))

    def _cognate(self, folded: str) -> str | None:
        if " " in folded or len(folded) < MIN_COGNATE_LENGTH or not folded.isalpha():
            return None
        for word in (folded, folded.removesuffix("s")):
            for french, english in _COGNATE_ENDINGS:
                if word.endswith(french):
                    found = self._folded.get(word.removesuffix(french) + english)
                    if found is not None:
                        return found
        return None

    def match(self, typed: str, limit: int = 3) -> SkillMatch:
        """Classify what someone typed: a known skill, a likely typo, new, or invalid."""
        key = skill_key(typed)
        if not key or not any(ch.isalnum() for ch in key) or len(key) > MAX_SKILL_LENGTH:
            return SkillMatch(typed=typed, kind=MatchKind.INVALID, key=key)
        known = self._known(key)
        if known is not None:
            return SkillMatch(typed=typed, kind=MatchKind.KNOWN, key=key, canonical=known)
        if len(key) >= MIN_FUZZY_LENGTH:
            suggestions = self._similar(key, limit)
            if suggestions:
                return SkillMatch(
                    typed=typed, kind=MatchKind.SUGGESTION, key=key, suggestions=suggestions
                )
        return SkillMatch(typed=typed, kind=MatchKind.NEW, key=key)

    def _similar(self, key: str, limit: int) -> tuple[str, ...]:
        candidates = [k for k in self._canonical_of if len(k) >= MIN_FUZZY_LENGTH]
        found = process.extract(
            key,
            candidates,
            scorer=fuzz.ratio,
            processor=utils.default_process,
            score_cutoff=SUGGESTION_THRESHOLD,
            limit=limit * 3,
        )
        suggestions: list[str] = []
        for candidate, _score, _index in found:
            canonical = self._canonical_of[candidate]
            if canonical not in suggestions:
                suggestions.append(canonical)
        return tuple(suggestions[:limit])
