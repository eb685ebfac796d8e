"""Text for routing: a tokenizer that keeps technical tokens, and a question detector.

The tokenizer lower-cases (NFKC, casefold), drops stop words, and keeps the tokens that make
a craft distinct — ``c#``, ``c++``, ``.net``, ``node.js``, ``wcag-2.1``, ``ci/cd`` — instead of
splitting them into noise. The question detector says whether an ordinary channel message is a
question that someone should answer (not "thanks!" or "lunch?"). Pure: no I/O, no project
imports.
"""

from __future__ import annotations

import re
import unicodedata

# An optional leading dot (".net"), a word, then more words joined by . - / (node.js, wcag-2.1,
# ci/cd), then trailing # or + (c#, c++). A dot ending a sentence is not part of a token.
_TOKEN = re.compile(r"(?:(?<![\w.])\.)?[^\W_]+(?:[#+]+)?(?:[./-][^\W_]+(?:[#+]+)?)*")
_MARKUP = re.compile(r"<[^>]{0,200}>|```.*?```|`[^`]*`|https?://\S+", re.DOTALL)
_MENTION = re.compile(r"<@[^>]+>|@[\w.\-]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS = _words(
    """
    a about above after again against all also am an and any anyone anything are as at be
    because been before being below between both but by can could did do does doing done don
    down during each else etc even ever every few for from further get gets getting got had has
    have having he her here hers herself him himself his how however i if in into is it its
    itself just know let like ll lot lots may me might more most much must my myself need no nor
    not now of off on once one only or other our ours ourselves out over own per please re really
    s same she should so some someone something still such t than that the their theirs them
    themselves then there these they thing things this those through thus to too under until
    up upon us use used using ve very via want was way we well were what when where whether which
    while who whom whose why will with within without would yes yet you your yours yourself
    yourselves
    """
)

_INTERROGATIVES = _words(
    "how what why when where which who whom whose can could does do did is are was were should "
    "would will has have shall may might am isn aren doesn don didn won wouldn shouldn couldn "
    "anyone anybody any"
)
_ASKING_PHRASES = (
    "does anyone know",
    "does anybody know",
    "anyone know",
    "anybody know",
    "can anyone",
    "can someone",
    "could someone",
    "could anyone",
    "is there a way",
    "is there any way",
    "any idea",
    "any ideas",
    "any advice",
    "any tips",
    "any suggestions",
    "any recommendations",
    "i need help",
    "need help with",
    "looking for advice",
    "looking for someone",
    "looking for help",
    "who knows",
    "who can help",
    "how do i",
    "how do we",
    "how can i",
    "how can we",
    "how should i",
    "what is the best way",
    "what's the best way",
    "i'm trying to",
    "i am trying to",
    "i wonder",
    "i was wondering",
    "wondering if",
    "struggling with",
    "can't figure out",
    "cannot figure out",
    "help me",
)
# Openings that ask even without a question mark (titles and quick chat often drop it):
# "best way to …", "difference between …", "can't connect to …".
_ASKING_OPENINGS = (
    "best way to",
    "best practice",
    "best practices",
    "the best way to",
    "whats",
    "what's",
    "hows",
    "how's",
    "difference between",
    "the difference between",
    "is it possible",
    "is it safe",
    "is there",
    "question about",
    "question on",
    "cannot",
    "can't",
    "cant",
    "can not",
    "unable to",
)
# A problem statement that is not one: "can't wait for …!", "cannot make it on Friday".
_NOT_ASKING_AFTER = _words("wait make believe thank stop come join attend")
# Short social lines that end with "?" but ask nothing anyone needs to research.
_SMALL_TALK = _words(
    """
    lunch coffee anyone really right seriously why not huh what sure ok okay ready here there
    you yes no thanks thank everyone all morning afternoon evening weekend today tomorrow friday
    monday ping hello hi hey
    """
)
MIN_QUESTION_WORDS = 4


def normalise(text: str) -> str:
    """NFKC, case-folded, printable characters only."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    if folded.isprintable():
        return folded
    return "".join(ch if ch.isprintable() else " " for ch in folded)


def raw_tokens(text: str) -> list[str]:
    """Every token, stop words included, in order."""
    return _TOKEN.findall(normalise(text))


def tokenize(text: str) -> list[str]:
    """The content tokens of `text`: lower case, stop words dropped, technical tokens kept."""
    return [token for token in raw_tokens(text) if token not in STOP_WORDS]


def word_runs(text: str) -> list[list[str]]:
    """Runs of adjacent content words as written (NFKC, case kept), broken at stop words
    and punctuation: "How do I make a scanned PDF accessible, for screen readers?" gives
    ``[["make"], ["scanned", "PDF", "accessible"], ["screen", "readers"]]``. Each word's
    `normalise` is one of `tokenize`'s tokens."""
    written = unicodedata.normalize("NFKC", text)
    runs: list[list[str]] = []
    run: list[str] = []
    end = 0
    for match in _TOKEN.finditer(written):
        word = match.group()
        if written[end : match.start()].strip() or normalise(word) in STOP_WORDS:
            if run:
                runs.append(run)
            run = []
        if normalise(word) not in STOP_WORDS:
            run.append(word)
        end = match.end()
    if run:
        runs.append(run)
    return runs


def content_words(text: str) -> list[str]:
    """The words of a chat message without mentions, links and code."""
    return raw_tokens(_MENTION.sub(" ", _MARKUP.sub(" ", text)))


def is_detailed_enough(text: str) -> bool:
    """False for an empty or one-word question: there is nothing to route on."""
    return len(tokenize(_MENTION.sub(" ", text))) >= 2


def is_question(text: str) -> bool:
    """Whether a channel message is a question someone should answer.

    A question mark on a message of a few words, a message that opens with an interrogative
    ("how", "can", "does"…) or that contains an asking phrase ("does anyone know", "is there a
    way") counts; small talk ("lunch?", "thanks!"), very short lines and statements do not.
    """
    cleaned = _MENTION.sub(" ", _MARKUP.sub(" ", normalise(text))).strip()
    words = raw_tokens(cleaned)
    if len(words) < MIN_QUESTION_WORDS - 1:
        return False
    content = [w for w in words if w not in STOP_WORDS]
    if not content or all(w in _SMALL_TALK for w in content):
        return False
    flat = " ".join(cleaned.replace("’", "'").split())
    if any(phrase in flat for phrase in _ASKING_PHRASES):
        return True
    if _opens_with_an_ask(flat):
        return True
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", flat) if s.strip()]
    for sentence in sentences:
        sentence_words = raw_tokens(sentence)
        if sentence.rstrip().endswith("?") and len(sentence_words) >= 2:
            return len(words) >= MIN_QUESTION_WORDS - 1
        if (
            sentence_words
            and sentence_words[0] in _INTERROGATIVES
            and len(sentence_words) >= MIN_QUESTION_WORDS
            and not sentence.rstrip().endswith("!")
            # "What a great talk." exclaims.
            and sentence_words[:2] not in (["what", "a"], ["what", "an"])
        ):
            return True
    return False


def _opens_with_an_ask(flat: str) -> bool:
    """ "best way to …", "difference between …", "can't connect …" without a question mark."""
    if flat.rstrip().endswith(("!", ".")) and not flat.rstrip().endswith("..."):
        return False
    words = flat.split()
    for opening in _ASKING_OPENINGS:
        size = len(opening.split())
        if words[:size] == opening.split():
            following = words[size : size + 1]
            return not (following and following[0].strip(",;:") in _NOT_ASKING_AFTER)
    return False
