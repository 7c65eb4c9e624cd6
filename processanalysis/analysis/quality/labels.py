"""The label-style heuristic of 7PMG G6: is an activity label in verb-object style?

German labels read "Objekt + Verb im Infinitiv" ("Antrag prüfen"), English ones "verb +
object" ("Check application"). The word lists below are data, not logic: they are only
needed where the form of a word alone does not tell. The rule that reports labels is
``pmg-label-style`` in :mod:`~processanalysis.analysis.quality.guidelines`.

Examples
--------
>>> label_style("Antrag prüfen").ok, label_style("Prüfung des Antrags").reason
(True, 'nominalised')
>>> label_style("Check application").ok, label_style("Ist der Antrag vollständig?").reason
(True, 'question')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["DE_NOT_VERBS", "DE_VERBS", "EN_VERBS", "LabelStyle", "label_style"]


def _word_list(text: str) -> list[str]:
    return text.split()


# -- vocabulary of the label-style heuristic (data, not logic) ------------------------------

#: Common verbs of administrative processes, infinitive. Only needed where the form alone
#: does not tell: a capitalised last word ("Antrag Prüfen"), a verb before an "ob" clause.
DE_VERBS: frozenset[str] = frozenset(
    _word_list(
        """abfragen ablegen ablehnen abschließen abstimmen abzeichnen anfordern anhören anlegen
        annehmen anordnen anpassen anschreiben ausdrucken ausfertigen ausfüllen aushändigen
        auszahlen beantragen beantworten bearbeiten beauftragen bedienen begutachten
        beglaubigen benachrichtigen beraten berechnen berichtigen beschaffen bescheiden
        besprechen bestätigen bestellen beteiligen bewerten bewilligen bezahlen buchen drucken
        eingeben einholen einreichen einscannen eintragen empfangen entscheiden entwerfen
        erfassen ergänzen erheben erinnern erstellen erteilen festsetzen freigeben genehmigen
        hinterlegen informieren kontrollieren korrigieren kopieren löschen mahnen melden
        nachfordern prüfen registrieren scannen senden sichten speichern übermitteln
        übernehmen überprüfen überweisen unterschreiben veranlassen verbuchen vereinbaren
        verfassen vermerken veröffentlichen versenden verschicken vervollständigen verwerfen
        vorbereiten vorlegen weiterleiten widersprechen zahlen zeichnen zurücksenden zusenden
        zustellen zustimmen ändern"""
    )
)
#: Lower-case words ending in -en that are no infinitive: function words, adjectives and
#: participles that end a label describing a state ("Antrag eingegangen").
DE_NOT_VERBS: frozenset[str] = frozenset(
    _word_list(
        """allen anderen beiden besonderen den denen dessen diesen einen eben einzelnen
        entsprechenden erforderlichen gegen gegeben genommen geschrieben ihnen jeden keinen
        meinen morgen neben oben offen seinen sonstigen unten unvollständigen verschieden
        vollständigen vorhanden weiteren wegen zwischen abgeschlossen eingegangen entschieden
        geschlossen verloren"""
    )
)
#: Common verbs of process labels in English, base form (an English label starts with one).
EN_VERBS: frozenset[str] = frozenset(
    _word_list(
        """accelerate accept access acknowledge acquire activate add adjust administer advise
        agree alert allocate allow amend analyse analyze announce answer apply appoint
        appraise approve archive arrange ask assemble assess assign attach attend audit
        authenticate authorise authorize back bill block book bring browse build buy calculate
        call cancel capture carry change charge check checkout choose claim clarify classify
        clean clear close collect combine communicate compare compile complete comply compute
        conduct configure confirm connect consider consolidate consult contact continue
        convert coordinate copy correct cover create deactivate deal debit decide declare
        decline define delegate delete deliver deny deploy design determine develop discuss
        dispatch distribute do document download draft edit email enable end enroll enrol
        ensure enter escalate establish estimate evaluate examine exchange execute explain
        export extend extract fetch file fill finalise finalize find fix follow forward
        gather generate get give grant greet hand handle hire identify implement import
        include inform initiate input inspect install instruct interview introduce investigate
        invite invoice issue keep launch link list load lock log look maintain make manage
        map mark match measure meet merge migrate modify monitor move negotiate note notify
        obtain offer onboard open order organise organize pack pass pay perform pick place plan post
        prepare present print prioritise prioritize process procure produce propose protect
        prove provide publish purchase put raise rate reach read reassign receive recommend
        reconcile record recruit redirect refer refund register reimburse reject release
        remind remove renew repair replace reply report request require reschedule research
        reserve reset resolve respond restart retrieve return review revise revoke route run
        save scan schedule screen search select sell send set settle share ship show sign
        solve sort specify start stop store submit suggest supply support suspend take tell
        terminate test track train transfer translate transmit update upgrade upload use
        validate verify visit wait withdraw write""",
    )
)
_QUESTION_WORDS = frozenset(
    _word_list(
        """ist sind liegt liegen gibt wurde wurden hat haben kann können muss müssen soll sollen
        darf gilt besteht bestehen erfolgt wer wie welche welcher welches wann wo ob is are was
        were has have does do did can could should will would who what which when where how
        whether"""
    )
)
_CLAUSE_WORDS = frozenset({"ob", "dass", "whether", "if", "that"})
_NOMINAL_ENDINGS = ("ung", "ungen", "tion", "tionen", "nahme", "gabe", "erei")
_NUMBERING = re.compile(r"^(?:[A-Za-z]?\d+(?:[.\d]*\d)?[.:)]?|[a-z][.)])\s+")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SEPARATORS = re.compile(r"[\s,;/+&]+")
_PUNCTUATION = ".:!?\"'„“”‚‘’»«-–"


@dataclass(frozen=True, slots=True)
class LabelStyle:
    """Verdict of the label heuristic: ``ok`` with ``reason`` ``object_verb`` (German),
    ``verb_object`` (English) or ``verb_clause`` ("Prüfen, ob …"), else one of
    ``question``, ``single_word``, ``nominalised``, ``verb_position``, ``no_verb``;
    ``word`` is the word the verdict rests on."""

    ok: bool
    reason: str
    word: str = ""


def _words(label: str) -> list[str]:
    text = _BRACKETS.sub(" ", " ".join(label.split()))
    text = _NUMBERING.sub("", text.strip())
    words = (token.strip(_PUNCTUATION) for token in _SEPARATORS.split(text))
    return [w for w in words if w and not w[0].isdigit()]


def _is_infinitive(word: str) -> bool:
    """German infinitive: ends in -en/-ern/-eln, written in lower case (a noun would be
    capitalised) or a known verb; not a known function word, adjective or participle."""
    last = word.split("-")[-1]
    lower = last.lower()
    if len(lower) < 4 or lower in DE_NOT_VERBS or lower[0].isdigit():
        return lower in {"tun", "sein"}
    if lower in DE_VERBS:
        return True
    return last[0].islower() and lower.endswith(("en", "ern", "eln"))


def _is_nominal(word: str) -> bool:
    lower = word.lower()
    return len(lower) >= 5 and lower.endswith(_NOMINAL_ENDINGS)


@lru_cache(maxsize=8192)  # a pure function of the text; labels repeat within a model
def label_style(label: str) -> LabelStyle:
    """Whether an activity label follows the verb-object style (7PMG G6).

    German: "Objekt + Verb im Infinitiv" — the last word is an infinitive ("Antrag prüfen",
    "Bescheid per Post versenden"), or an infinitive opens an "ob"/"dass" clause
    ("Prüfen, ob Unterlagen vollständig sind"). English: "verb + object" — the first word is
    a common verb ("Check application"). Leading numbering ("3.1") and bracketed notes are
    ignored. Anything else fails, with the reason: a question, a single word, a
    nominalisation (-ung, -tion, -nahme, -gabe), an infinitive in the wrong place, no verb.

    Examples
    --------
    >>> [label_style(x).ok for x in ("Antrag prüfen", "Gebühr berechnen", "Send notice")]
    [True, True, True]
    >>> label_style("Antragsprüfung durch SB")
    LabelStyle(ok=False, reason='nominalised', word='Antragsprüfung')
    >>> label_style("Prüfung").reason, label_style("Bescheid versenden per Post").reason
    ('single_word', 'verb_position')
    """
    words = _words(label)
    if not words:
        return LabelStyle(False, "no_verb")
    first = words[0].lower()
    clause = len(words) > 1 and words[1].lower() in _CLAUSE_WORDS
    if clause and (_is_infinitive(words[0]) or first in DE_VERBS or first in EN_VERBS):
        return LabelStyle(True, "verb_clause", words[0])
    if label.rstrip().endswith("?"):
        return LabelStyle(False, "question", "?")
    if first in _QUESTION_WORDS:
        return LabelStyle(False, "question", words[0])
    if len(words) == 1:
        return LabelStyle(False, "single_word", words[0])
    if _is_infinitive(words[-1]):
        return LabelStyle(True, "object_verb", words[-1])
    verb_at = 1 if first.endswith("ly") and len(words) > 2 else 0  # "Manually approve …"
    english = words[verb_at].lower()
    if english in EN_VERBS or (english.endswith(("ize", "ise", "ify")) and len(english) > 5):
        return LabelStyle(True, "verb_object", words[verb_at])
    nominal = next((w for w in words if _is_nominal(w)), None)
    if nominal is not None:
        return LabelStyle(False, "nominalised", nominal)
    verb = next((w for w in words if _is_infinitive(w)), None)
    if verb is not None:
        return LabelStyle(False, "verb_position", verb)
    return LabelStyle(False, "no_verb", words[-1])
