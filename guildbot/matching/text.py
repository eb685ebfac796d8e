"""Text for routing: a tokenizer that keeps technical tokens, and a question detector.

The tokenizer lower-cases (NFKC, casefold), folds accents ("accessibilité" and
"accessibilite" are one word), drops stop words, and keeps the tokens that make a craft
distinct — ``c#``, ``c++``, ``.net``, ``node.js``, ``wcag-2.1``, ``ci/cd`` — instead of
splitting them into noise. The question detector says whether an ordinary channel message is a
question that someone should answer (not "thanks!" or "lunch?"). Pure: no I/O, no project
imports.

English and French. French elision is undone ("l'accessibilité" is "accessibilite", "qu'est-ce"
is "est-ce"). French stop words that are also English words ("pour", "car", "plus", "est") are
dropped only from a text that reads as French — more French function words, elisions and
French accents than English function words — so English routing keeps them; French words no
English text uses ("avec", "vous", "cette") are stop words everywhere. No stemming in either
language (the English side never had any): "formulaire" and "formulaires" are two words.
"""

from __future__ import annotations

import re
import unicodedata

# An optional leading dot (".net"), a word, then more words joined by . - / (node.js, wcag-2.1,
# ci/cd), then trailing # or + (c#, c++). A dot ending a sentence is not part of a token.
_TOKEN = re.compile(r"(?:(?<![\w.])\.)?[^\W_]+(?:[#+]+)?(?:[./-][^\W_]+(?:[#+]+)?)*")
_MARKUP = re.compile(r"<[^>]{0,200}>|```.*?```|`[^`]*`|https?://\S+", re.DOTALL)
_MENTION = re.compile(r"<@[^>]+>|@[\w.\-]+")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})
# Letters accents cannot be stripped from by decomposition.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d"})
# Accented letters of French: a sign, with elision, that a text is French (before folding).
_FRENCH_LETTERS = frozenset("éèêëàâîïôûùüÿçœæ")
# A French inversion no English word looks like ("sait-il", "puis-je", "a-t-on"): a sign that
# a text is French, and split in every text.
_SURE_INVERSION = re.compile(
    r"(?<=[^\W\d_])(?:-t-(?=(?:il|elle|on|ils|elles)\b)|-(?=(?:il|elle|ils|elles|je|tu)\b))",
    re.I,
)
# Any French inversion ("peut-on", "est-ce", "savez-vous"): split in a French text only, since
# English has "add-on".
_INVERSION = re.compile(
    r"(?<=[^\W\d_])(?:-t-(?=(?:il|elle|on|ils|elles)\b)"
    r"|-(?=(?:il|elle|on|ils|elles|je|tu|ce|vous|nous)\b))",
    re.I,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words French elides before a vowel: "l'", "d'", "qu'", "jusqu'"…
_ELIDED = _words("l d j m n s t c qu jusqu lorsqu puisqu quoiqu quelqu presqu")

_ENGLISH_STOP_WORDS = _words(
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
# French function words that are no English word (checked against the English archives): stop
# words in every text, and what `_reads_as_french` counts.
_FRENCH_MARKERS = _words(
    """
    une je nous vous ils elle elles avec dans cette sont suis sommes etes avons avez ont
    etait etaient pourquoi quel quelle quels quelles lequel laquelle lesquels lesquelles
    votre notre vos leurs tres aussi deja depuis donc peut peuvent pouvez pouvons faire
    fait faut sait savez est-ce peut-etre aujourd hui quelqu quelque quelques
    """
)
STOP_WORDS = _ENGLISH_STOP_WORDS | _FRENCH_MARKERS
# The rest of French's articles, pronouns, prepositions, conjunctions, question words and the
# forms of être, avoir, faire, pouvoir, savoir, vouloir, devoir, aller, connaître: dropped from
# French texts only, since many are English words too ("pour", "car", "son", "est", "plus").
FRENCH_STOP_WORDS = _FRENCH_MARKERS | _words(
    """
    a au aux de du des le la les un en et ou ni mais or car si ne pas plus moins non oui
    ce cet ces se sa son ses ma mon mes ta ton tes leur lui eux moi toi me te y on il
    ceci cela celui celle ceux celles
    qui que quoi dont comment combien quand lorsque puisque parce comme ainsi alors
    par pour sur sous chez vers entre sans selon contre pendant avant apres jusque parmi
    ici voici voila bien tout tous toute toutes autre autres meme memes chaque certains
    certaines plusieurs peu trop encore toujours jamais souvent
    etre es est ete etais serai sera serons serez seront serait seraient soit
    avoir ai as avais avait avions aviez avaient eu aura aurai aurais aurait aurions auriez
    auraient fais faisons faites font ferai fera ferait
    pouvoir peux puis pu pourrait pourrais pourriez pourrions
    savoir sais savons savent saurait saurais sauriez
    vouloir veux veut voulons voulez veulent voudrais voudrait voudriez
    devoir dois doit devons devez doivent devrait devrais devriez
    aller vais va allons allez vont connait connais connaissez connaissent faudrait
    besoin chose choses personne svp stp
    """
)
FRENCH_TEXT_STOP_WORDS = STOP_WORDS | FRENCH_STOP_WORDS
# French function words that are not English ones ("a", "on", "me" are both): signs for the
# detector.
_FRENCH_ONLY = FRENCH_STOP_WORDS - _ENGLISH_STOP_WORDS
# Common English function words: a text with more of these than French signs is English.
_ENGLISH_MARKERS = _words(
    "the is are and of to in for with how what i you it this that my do does can be at from "
    "have has there we was an any or"
)

_INTERROGATIVES = _words(
    "how what why when where which who whom whose can could does do did is are was were should "
    "would will has have shall may might am isn aren doesn don didn won wouldn shouldn couldn "
    "anyone anybody any"
)
# French openers of a question; counted only on a French line that ends neither with "." nor
# "!" ("Quel plaisir de vous voir." exclaims, "Comment exporter un PDF" asks).
_FRENCH_INTERROGATIVES = _words(
    "comment pourquoi quel quelle quels quelles combien qui lequel laquelle lesquels lesquelles"
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
# French asking phrases, accents folded, apostrophes straight; in a sentence that does not
# end with "!" ("Une idée de génie !" praises).
_FRENCH_ASKING_PHRASES = (
    "est-ce que",
    "est-ce qu'",
    "quelqu'un sait",
    "quelqu'un connait",
    "quelqu'un a deja",
    "quelqu'un aurait",
    "quelqu'un peut",
    "quelqu'un pourrait",
    "quelqu'un saurait",
    "qui peut m'aider",
    "qui pourrait m'aider",
    "qui sait",
    "qui connait",
    "savez-vous",
    "sauriez-vous",
    "connaissez-vous",
    "pouvez-vous",
    "pourriez-vous",
    "auriez-vous",
    "avez-vous",
    "une idee",
    "des idees",
    "des conseils",
    "des pistes",
    "des astuces",
    "besoin d'aide",
    "besoin de conseils",
    "besoin d'un coup de main",
    "comment puis-je",
    "comment peut-on",
    "comment on fait",
    "comment faites-vous",
    "comment faire pour",
    "je me demande",
    "je me demandais",
    "je voudrais savoir",
    "j'aimerais savoir",
    "je souhaiterais savoir",
    "vous connaissez un",
    "vous connaissez une",
    "tu connais un",
    "tu connais une",
    "je n'arrive pas",
    "n'arrive pas a",
    "y a-t-il",
    "existe-t-il",
    "est-il possible",
    "quelle est la meilleure",
    "quel est le meilleur",
    "la meilleure facon de",
    "le meilleur moyen de",
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
# French openings that ask without a question mark ("Des conseils pour …").
_FRENCH_ASKING_OPENINGS = (
    "des conseils",
    "des idees",
    "des pistes",
    "des astuces",
    "des suggestions",
    "des recommandations",
    "des retours",
    "besoin d'aide",
    "besoin de conseils",
    "une question sur",
    "petite question",
    "question sur",
    "impossible de",
    "impossible d'",
    "je n'arrive pas",
    "probleme avec",
    "probleme de",
)
# A problem statement that is not one: "can't wait for …!", "cannot make it on Friday",
# "impossible de venir ce soir".
_NOT_ASKING_AFTER = _words(
    "wait make believe thank stop come join attend "
    "venir assister participer rater manquer attendre resister croire etre"
)
_FRENCH_ASKING_PHRASE = re.compile("|".join(map(re.escape, _FRENCH_ASKING_PHRASES)))
# A French inversion that asks: "sait-il", "peut-on", "y a-t-il", "puis-je"; with "-vous" or
# "-nous" only after verbs that ask ("savez-vous"), since imperatives take them too
# ("rejoignez-nous", "asseyez-vous"). "semble-t-il" and "paraît-il" are asides.
_ASKING_INVERSION = re.compile(
    r"\b(?!semble-|parait-|dit-)[^\W\d_]{2,}-(?:t-)?(?:il|elle|on|ils|elles|je)\b"
    r"|\b(?:savez|connaissez|avez|pouvez|pourriez|auriez|sauriez|voulez|utilisez|recommandez"
    r"|conseillez|faites|etes|devez|croyez|pensez|avons|pouvons|devons|devrions|allons"
    r"|sommes)-(?:vous|nous)\b"
)
# Short social lines that end with "?" but ask nothing anyone needs to research.
_SMALL_TALK = _words(
    """
    lunch coffee anyone really right seriously why not huh what sure ok okay ready here there
    you yes no thanks thank everyone all morning afternoon evening weekend today tomorrow friday
    monday ping hello hi hey
    merci bonjour salut coucou bonsoir cafe dejeuner midi manger mange pot ca va vraiment
    serieux serieusement accord dispo demain lundi vendredi week-end soir matin
    monde pret prets partant partants hein quoi super genial bravo top
    """
)
MIN_QUESTION_WORDS = 4


def fold_accents(text: str) -> str:
    """Latin letters without their accents ("é" -> "e", "ç" -> "c", "œ" -> "oe"), by
    decomposition (NFKD) and dropping the marks. Marks on other scripts are kept: there they
    are part of the letter."""
    if text.isascii():
        return text
    kept: list[str] = []
    after_latin = False
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch):
            if after_latin:
                continue
        else:
            after_latin = ch.isascii() and ch.isalpha()
        kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)).translate(_LIGATURES)


def normalise(text: str) -> str:
    """NFKC, case-folded, accents folded, printable characters only."""
    if text.isascii():
        # The common case, and a fast one: NFKC and folding change no ASCII character.
        folded = text.lower()
        if folded.isprintable():
            return folded
        return "".join(ch if ch.isprintable() else " " for ch in folded)
    folded = _normalise_once(text)
    # Case folding and folding accents can each undo the other's normal form; a second pass
    # settles it (`normalise` must be idempotent: stored text and queries are normalised
    # alike, at read time).
    again = _normalise_once(folded)
    return again if again == folded else _normalise_once(again)


def _normalise_once(text: str) -> str:
    folded = unicodedata.normalize(
        "NFKC", fold_accents(unicodedata.normalize("NFKC", text).casefold())
    )
    if folded.isprintable():
        return folded
    return "".join(ch if ch.isprintable() else " " for ch in folded)


def _french_letters(text: str) -> int:
    if text.isascii():
        return 0
    return sum(ch in _FRENCH_LETTERS for ch in unicodedata.normalize("NFC", text).casefold())


def _is_elided(text: str, match: re.Match[str]) -> bool:
    """ "l" in "l'accessibilité": an elided French word, followed by an apostrophe and a letter."""
    end = match.end()
    return (
        text[end : end + 1] == "'"
        and text[end + 1 : end + 2].isalpha()
        and match.group().casefold() in _ELIDED
    )


def _reads_as_french(words: list[str], signs: int) -> bool:
    """More French signs (elisions, accented letters, `_FRENCH_MARKERS`) than English function
    words. Tokens are never signs (markers are stop words, accents are folded, elisions
    dropped), so tokenizing tokens again reads them as English and changes nothing."""
    french = signs + sum(map(_FRENCH_MARKERS.__contains__, words))
    return french > sum(map(_ENGLISH_MARKERS.__contains__, words))


def _read(normalised: str, letters: int) -> tuple[list[str], bool]:
    """Every token of normalised text, elided words dropped, and whether it reads as French
    (`letters`: its French accented letters before folding)."""
    flat = normalised.translate(_APOSTROPHES)
    if "'" not in flat:
        words, elided = _TOKEN.findall(flat), 0
    else:
        # No token spans an apostrophe: each piece before one ends with the word it may elide
        # (as `_is_elided` says, which `word_runs` uses; this is the same, faster).
        words, elided = [], 0
        pieces = flat.split("'")
        for i, piece in enumerate(pieces):
            found = _TOKEN.findall(piece)
            if (
                found
                and found[-1] in _ELIDED
                and piece.endswith(found[-1])
                and i + 1 < len(pieces)
                and pieces[i + 1][:1].isalpha()
            ):
                found.pop()
                elided += 1
            words.extend(found)
    hyphenated = [w for w in words if "-" in w]
    inversions = sum(1 for w in hyphenated if _SURE_INVERSION.search(w))
    french = _reads_as_french(words, elided + letters + inversions)
    split = _INVERSION if french else _SURE_INVERSION
    if any(split.search(w) for w in hyphenated):
        # "sait-il" is "sait il", both stop words in French.
        words = _TOKEN.findall(" ".join(split.sub(" ", w) for w in words))
    return words, french


def raw_tokens(text: str) -> list[str]:
    """Every token, stop words included, in order (elided French articles dropped)."""
    return _read(normalise(text), _french_letters(text))[0]


def tokenize(text: str) -> list[str]:
    """The content tokens of `text`: lower case, accents folded, stop words (English, and
    French for a French text) dropped, technical tokens kept."""
    words, french = _read(normalise(text), _french_letters(text))
    stops = FRENCH_TEXT_STOP_WORDS if french else STOP_WORDS
    return [token for token in words if token not in stops]


def word_runs(text: str) -> list[list[str]]:
    """Runs of adjacent content words as written (NFKC, case kept), broken at stop words,
    elided articles and punctuation: "How do I make a scanned PDF accessible, for screen
    readers?" gives ``[["make"], ["scanned", "PDF", "accessible"], ["screen", "readers"]]``.
    Each word's `normalise` is one of `tokenize`'s tokens."""
    french = _read(normalise(text), _french_letters(text))[1]
    stops = FRENCH_TEXT_STOP_WORDS if french else STOP_WORDS
    written = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    # "sait-il" as two words, as `_read` has them; the same length, so that positions hold.
    split = _INVERSION if french else _SURE_INVERSION
    written = split.sub(lambda m: " " * len(m.group()), written)
    runs: list[list[str]] = []
    run: list[str] = []
    end = 0
    for match in _TOKEN.finditer(written):
        word = match.group()
        stop = _is_elided(written, match) or normalise(word) in stops
        if written[end : match.start()].strip() or stop:
            if run:
                runs.append(run)
            run = []
        if not stop:
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
    ("how", "can", "does", "comment"…) or that contains an asking phrase ("does anyone know",
    "is there a way", "est-ce que quelqu'un", "savez-vous") counts; small talk ("lunch?",
    "thanks!", "merci à tous !"), very short lines and statements do not.
    """
    cleaned = _MENTION.sub(" ", _MARKUP.sub(" ", normalise(text))).strip()
    letters = _french_letters(_MENTION.sub(" ", _MARKUP.sub(" ", text)))
    words, french = _read(cleaned, letters)
    if len(words) < MIN_QUESTION_WORDS - 1:
        return False
    # A line the tokenizer leaves to English may still read as French by its ambiguous
    # function words ("Comment exporter un PDF depuis Word"): enough for the detector.
    french = french or _reads_as_french(words, sum(map(_FRENCH_ONLY.__contains__, words)))
    stops = FRENCH_TEXT_STOP_WORDS if french else STOP_WORDS
    content = [w for w in words if w not in stops]
    if not content or all(w in _SMALL_TALK for w in content):
        return False
    flat = " ".join(cleaned.translate(_APOSTROPHES).split())
    if any(phrase in flat for phrase in _ASKING_PHRASES):
        return True
    if _FRENCH_ASKING_PHRASE.search(flat) and any(
        _FRENCH_ASKING_PHRASE.search(sentence) and not sentence.rstrip().endswith("!")
        for sentence in re.split(r"(?<=[.!?])\s+", flat)
    ):
        return True
    if _opens_with_an_ask(flat, french):
        return True
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", flat) if s.strip()]
    for sentence in sentences:
        sentence_words = _read(sentence, 0)[0]
        ending = sentence.rstrip()
        if ending.endswith("?") and len(sentence_words) >= 2:
            return len(words) >= MIN_QUESTION_WORDS - 1
        if (
            sentence_words
            and sentence_words[0] in _INTERROGATIVES
            and len(sentence_words) >= MIN_QUESTION_WORDS
            and not ending.endswith("!")
            # "What a great talk." exclaims.
            and sentence_words[:2] not in (["what", "a"], ["what", "an"])
        ):
            return True
        if french and (not ending.endswith(("!", ".")) or ending.endswith("...")):
            if _ASKING_INVERSION.search(sentence):
                return True
            if (
                sentence_words
                and sentence_words[0] in _FRENCH_INTERROGATIVES
                and len(sentence_words) >= MIN_QUESTION_WORDS
            ):
                return True
    return False


def _opens_with_an_ask(flat: str, french: bool = False) -> bool:
    """ "best way to …", "difference between …", "can't connect …", "des conseils pour …"
    without a question mark."""
    if flat.rstrip().endswith(("!", ".")) and not flat.rstrip().endswith("..."):
        return False
    words = flat.split()
    for opening in _ASKING_OPENINGS:
        size = len(opening.split())
        if words[:size] == opening.split():
            following = words[size : size + 1]
            return not (following and following[0].strip(",;:") in _NOT_ASKING_AFTER)
    if french:
        for opening in _FRENCH_ASKING_OPENINGS:
            if flat.startswith(opening) and (
                opening.endswith("'") or flat[len(opening) : len(opening) + 1] in ("", " ")
            ):
                following = flat[len(opening) :].split()[:1]
                return not (following and following[0].strip(",;:") in _NOT_ASKING_AFTER)
    return False
