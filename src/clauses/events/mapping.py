"""Column and value mapping: the words staff use in their registers, and the fields they mean.

Headers (and JSON/YAML keys) are compared after :func:`normalise`: accents
and case dropped, ``°`` read as ``o``, punctuation and repeated spaces removed
(``N°`` is ``no``, ``Réf.`` is ``ref``, ``Reçu le`` is ``recu le``). The
synonyms below are recognised out of the box; ``columns`` in the settings add
others (see ``docs/registers.md``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: field -> header spellings recognised out of the box (French and English), normalised form
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": ("date", "le", "jour", "date de l evenement", "date evenement", "date d envoi", "date de l envoi",
             "envoye le", "date de la reunion", "when"),
    "event": ("event", "evenement", "evenements", "type", "type d evenement", "nature", "acte", "what"),
    "by": ("by", "par", "emetteur", "expediteur", "auteur", "de", "from", "sender", "partie"),
    "to": ("to", "a", "destinataire", "destinataires", "recipient", "recipients"),
    "subject": ("subject", "objet", "libelle", "intitule", "description"),
    "via": ("via", "voie", "moyen", "canal", "mode", "mode d envoi", "mode de transmission", "channel"),
    "id": ("id", "no", "n", "numero", "identifiant", "ident", "no d ordre", "reference interne"),
    "ref": ("ref", "reference", "en reponse a", "reponse a", "suite a", "in reply to", "answers"),
    "received": ("received", "recu le", "recu", "date de reception", "reception", "date ar", "accuse de reception",
                 "date de l ar", "receipt", "date reception", "date_reception"),
    "representatives": ("representatives", "representants", "nombre de representants"),
    "value": ("value", "valeur", "vote", "decision", "sens du vote"),
    "period": ("period", "periode", "exercice", "annee", "year"),
}

#: channel -> spellings of it in registers (normalised form)
CHANNEL_SYNONYMS: dict[str, tuple[str, ...]] = {
    "lrar": ("lrar", "lrac", "rar", "ar", "recommande ar", "recommande avec ar", "recommande avec accuse de reception",
             "lettre recommandee avec accuse de reception", "lettre recommandee avec ar", "lr ar", "lr avec ar",
             "courrier recommande avec ar", "recommande avec avis de reception",
             "registered letter with acknowledgement of receipt", "registered with receipt"),
    "registered": ("registered", "recommande", "lettre recommandee", "lr", "courrier recommande", "registered letter"),
    "letter": ("letter", "lettre", "courrier", "courrier simple", "lettre simple", "post", "mail postal"),
    "email": ("email", "e mail", "mail", "courriel", "mel", "messagerie", "electronic mail"),
    "hand": ("hand", "main propre", "en main propre", "remise en main propre", "remis en main propre",
             "by hand", "in person"),
    "written": ("written", "ecrit", "par ecrit", "writing"),
}

#: every channel a row may name (after mapping)
CHANNELS: tuple[str, ...] = tuple(CHANNEL_SYNONYMS)

_PUNCT = re.compile(r"[^\w]+")


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """``"  Réf. "`` -> ``"ref"``; ``"N°"`` -> ``"no"``; ``"En réponse à"`` -> ``"en reponse a"``."""
    text = text.replace("°", "o").replace("º", "o")
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _PUNCT.sub(" ", bare.casefold()).replace("_", " ").strip()


def _inverse(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for target, spellings in table.items():
        for spelling in spellings:
            out[normalise(spelling)] = target
    return out


HEADERS: dict[str, str] = _inverse(HEADER_SYNONYMS)
VIA: dict[str, str] = _inverse(CHANNEL_SYNONYMS)

_DIGITS = re.compile(r"[\d\s.]+")


@lru_cache(maxsize=4096)
def party_key(text: str) -> str:
    """The form party names and SIRET/SIREN numbers are compared in (spaces in numbers ignored)."""
    if _DIGITS.fullmatch(text.strip()):
        return re.sub(r"\D", "", text)
    return normalise(text)
