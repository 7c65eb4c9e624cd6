"""Media vocabulary: which words in a label or documentation mark which medium.

The vocabulary is data (``data/media_vocabulary.json``), editable by users: an
organisation adds its own Fachverfahren names or local terms in a JSON file of the
same shape and passes it to :func:`load_vocabulary` (or sets
``PROCESSANALYSIS_VOCABULARY`` to a list of files separated by ``os.pathsep``).

Matching folds case and umlauts and handles German compounds and inflections:
``part`` terms match inside a word ("Papierantrag" contains "papier"), ``prefix``
terms only at its start ("E-Aktenvermerk" but not "Gewerbeakte"), ``word``
terms match a whole word with an optional inflection ending, ``phrase`` terms match
consecutive words. Inside one word the longest matching term wins, so
"Postkorb" (online service) beats "post" (paper) and neutral terms such as
"Aktenzeichen" stop "akte" from matching.

Examples
--------
>>> vocabulary = load_vocabulary()
>>> [(m.term, m.medium, m.role) for m in vocabulary.find("Papierantrag im Fachverfahren erfassen")]
[('papier', 'paper', 'object'), ('fachverfahren', 'it_system', 'channel'), \
('erfassen', 'it_system', 'conversion')]
>>> [m.medium for m in vocabulary.find("Bescheid über den Postkorb im Nutzerkonto zustellen")]
['online_service', 'online_service']
>>> vocabulary.find("Aktenzeichen vergeben")
[]
>>> [m.medium for m in vocabulary.find("Gewerbeakte anlegen")]
['paper']
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from processanalysis.analysis.finding import MEDIA

__all__ = ["Match", "Term", "Vocabulary", "VocabularyError", "load_vocabulary", "normalise"]

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e"})
_JOINED = (
    (re.compile(r"\be[\s-]+mail"), "email"),
    (re.compile(r"\be[\s-]+akte"), "eakte"),
    (re.compile(r"\be[\s-]+rechnung"), "erechnung"),
    (re.compile(r"\bx[\s-]+rechnung"), "xrechnung"),
    (re.compile(r"\bde[\s-]+mail"), "demail"),
)
_WORD = re.compile(r"[a-z0-9]+")
#: Inflection endings a ``word`` term may carry (German and English).
_ENDINGS = ("", "e", "en", "er", "es", "n", "s", "t", "st", "te", "ten", "ed", "ing")
ROLES = ("object", "channel", "conversion", "neutral")
#: ``prefix`` terms match at the start of a word only: "E-Aktensystem" is an E-Akte,
#: "Gewerbeakte" (gewerb-e-akte) is not.
MATCH_MODES = ("part", "prefix", "word", "phrase")


class VocabularyError(ValueError):
    """A vocabulary file that cannot be used."""


def normalise(text: str) -> str:
    """Lower case, umlauts folded, 'E-Mail'/'E-Akte' joined into one word."""
    folded = text.lower().translate(_FOLD)
    for pattern, replacement in _JOINED:
        folded = pattern.sub(replacement, folded)
    return folded


@dataclass(frozen=True, slots=True)
class Term:
    term: str
    medium: str | None
    role: str
    match: str


@dataclass(frozen=True, slots=True)
class Match:
    """A term found in a text: the term, the word it was found in, and where."""

    term: str
    medium: str | None
    role: str
    word: str
    position: int


#: Texts and words whose matches a :class:`Vocabulary` remembers; beyond that the memory
#: starts afresh (labels repeat a lot within and across models, so lookups stay cheap).
_CACHE_LIMIT = 50_000


class Vocabulary:
    """Compiled vocabulary: part terms by length, word terms by form, phrases by regex.

    Lookups are remembered per text and per word (the vocabulary never changes after
    it is built), so a model with 100k labels costs one scan per distinct label.
    """

    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms
        self._found: dict[str, tuple[Match, ...]] = {}
        self._word_terms: dict[str, Term | None] = {}
        self._parts = sorted(
            (t for t in terms if t.match in ("part", "prefix")), key=lambda t: -len(t.term)
        )
        self._words: dict[str, Term] = {}
        for t in terms:
            if t.match == "word":
                for ending in _ENDINGS:
                    self._words.setdefault(t.term + ending, t)
        self._phrases = [
            (re.compile(r"\b" + r"\s+".join(map(re.escape, t.term.split())) + r"\b"), t)
            for t in terms
            if t.match == "phrase"
        ]

    def find(self, text: str | None) -> list[Match]:
        """Medium terms in ``text`` in reading order (neutral terms are left out)."""
        if not text:
            return []
        found = self._found.get(text)
        if found is None:
            if len(self._found) >= _CACHE_LIMIT:
                self._found.clear()
            found = self._found[text] = tuple(self._find(text))
        return list(found)

    def _find(self, text: str) -> list[Match]:
        folded = normalise(text)
        found: list[Match] = []
        covered: list[tuple[int, int]] = []
        for pattern, term in self._phrases:
            for hit in pattern.finditer(folded):
                covered.append(hit.span())
                if term.medium is not None:
                    found.append(
                        Match(term.term, term.medium, term.role, hit.group(0), hit.start())
                    )
        for hit in _WORD.finditer(folded):
            word = hit.group(0)
            start = hit.start()
            if any(a <= start < b for a, b in covered):
                continue
            term = self._word_term(word)
            if term is not None and term.medium is not None:
                found.append(Match(term.term, term.medium, term.role, word, start))
        found.sort(key=lambda m: m.position)
        return found

    def _word_term(self, word: str) -> Term | None:
        """The term a single word matches: a word form, else the longest part or prefix."""
        try:
            return self._word_terms[word]
        except KeyError:
            pass
        if len(self._word_terms) >= _CACHE_LIMIT:
            self._word_terms.clear()
        term = self._word_terms[word] = self._words.get(word) or self._part(word)
        return term

    def _part(self, word: str) -> Term | None:
        for term in self._parts:  # longest first
            if term.term in word if term.match == "part" else word.startswith(term.term):
                return term
        return None


def _read(path: Path) -> list[Term]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise VocabularyError(f"{path}: cannot be read ({exc.strerror})") from exc
    except json.JSONDecodeError as exc:
        raise VocabularyError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    entries = raw.get("terms") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise VocabularyError(f"{path}: expected an object with a 'terms' list")
    terms: list[Term] = []
    for number, entry in enumerate(entries, 1):
        medium = entry.get("medium")
        role = entry.get("role", "object")
        match = entry.get("match", "part")
        text = entry.get("term")
        if not isinstance(text, str) or not text.strip():
            raise VocabularyError(f"{path}: entry {number} has no 'term'")
        if medium is not None and medium not in MEDIA:
            raise VocabularyError(
                f"{path}: entry {number} ('{text}') has medium '{medium}'; "
                f"use one of {', '.join(MEDIA)} or null"
            )
        if role not in ROLES or match not in MATCH_MODES:
            raise VocabularyError(f"{path}: entry {number} ('{text}') has an unknown role/match")
        terms.append(Term(normalise(text.strip()), medium, role, match))
    return terms


def default_vocabulary_path() -> Path:
    return Path(str(files("processanalysis.analysis") / "data" / "media_vocabulary.json"))


def load_vocabulary(*extra: str | Path) -> Vocabulary:
    """The shipped vocabulary plus ``extra`` files and those in ``PROCESSANALYSIS_VOCABULARY``.

    Later files override earlier entries with the same term.
    """
    paths = [default_vocabulary_path(), *map(Path, extra)]
    env = os.environ.get("PROCESSANALYSIS_VOCABULARY")
    if env:
        paths.extend(Path(p) for p in env.split(os.pathsep) if p)
    by_term: dict[tuple[str, str], Term] = {}
    for path in paths:
        for term in _read(path):
            by_term[(term.term, term.match)] = term
    return Vocabulary(list(by_term.values()))
