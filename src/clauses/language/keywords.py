"""The keyword table: one row per keyword concept, with its French and English forms.

The grammar (``clauses.lark``) names concepts (``KW_MUST``), never spellings;
this table gives each concept its spellings in both languages and the words a
diagnostic uses for it. A spelling is a phrase: words separated by spaces,
``[word]`` marks an optional word. Accents are optional when typing
(``duree`` matches ``durée``) and case is ignored.

Why one grammar with two tables rather than two grammars: a file declares its
language (``langue fr.`` / ``language en.``) or implies it by its first
keyword, and mixing is a warning, not a parse failure; the model is the same.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Keyword:
    name: str
    fr: tuple[str, ...]
    en: tuple[str, ...]

    def label(self, language: str = "fr") -> str:
        forms = self.fr if language == "fr" else self.en
        return re.sub(r"\[([^\]]*)\] ?", "", forms[0]).strip()


def _kw(name: str, fr: str, en: str) -> Keyword:
    return Keyword(name, tuple(s.strip() for s in fr.split("|")), tuple(s.strip() for s in en.split("|")))


KEYWORDS: tuple[Keyword, ...] = (
    # -- header -------------------------------------------------------------
    _kw("KW_LANGUAGE", "langue", "language"),
    _kw("KW_CONVENTION", "convention", "convention|agreement"),
    _kw("KW_TEXT", "texte", "text"),
    _kw("KW_SIGNED_AT", "signée à|signé à|fait à", "signed at|signed in|made at"),
    _kw("KW_ON", "en date du", "on"),
    _kw("KW_UNDATED", "date inconnue|non datée|non signée", "undated|date unknown|unsigned"),
    _kw("KW_HOLIDAYS", "jours fériés", "holidays|public holidays"),
    _kw("KW_PARTY", "partie", "party"),
    _kw("KW_ROLE", "rôle", "role"),
    _kw("KW_COORDINATOR", "coordonnateur|coordonnatrice|coordinateur|coordinatrice", "coordinator"),
    _kw("KW_NON_SIGNATORY", "non signataire", "non-signatory|non signatory"),
    _kw("KW_EVENT", "événement|évènement", "event"),
    _kw("KW_WITH", "avec", "with"),
    _kw("KW_REPRESENTATIVES", "représentants de chaque partie|représentants de chaque structure",
        "representatives of each party|representatives from each party"),
    _kw("KW_BODY", "instance", "body"),
    _kw("KW_CHAIRED_BY", "présidée par|présidé par", "chaired by"),
    _kw("KW_DELIBERATIVE", "voix délibérative|membres délibérants", "deliberative|deliberative vote"),
    _kw("KW_CONSULTATIVE", "voix consultative", "consultative|consultative vote"),
    _kw("KW_QUORUM", "quorum", "quorum"),
    _kw("KW_ARTICLE", "article|art.", "article|art."),
    # -- clause kinds ---------------------------------------------------------
    _kw("KW_TERM", "durée", "term"),
    _kw("KW_DUTY", "obligation", "duty"),
    _kw("KW_POWER", "pouvoir|faculté", "power|right"),
    _kw("KW_PROHIBITION", "interdiction", "prohibition"),
    _kw("KW_VOTE", "vote|décision collective", "vote"),
    _kw("KW_KEY", "clé", "key|financial key"),
    _kw("KW_INDEXATION", "indexation|révision des prix", "indexation|price revision"),
    _kw("KW_CONSEQUENCE", "conséquence", "consequence"),
    _kw("KW_READING", "lecture", "reading"),
    _kw("KW_BECAUSE", "car|parce que", "because"),
    # -- term -----------------------------------------------------------------
    _kw("KW_FROM", "à compter du|à compter de|à partir du|à partir de|suivant|suivants|suivante|suivantes",
        "from|of|following"),
    _kw("KW_SIGNATURE", "signature", "signature"),
    _kw("KW_UNTIL", "jusqu'au|jusqu’au|jusqu'à|jusqu’à", "until"),
    _kw("KW_AUTOMATIC_END", "de plein droit", "automatically|by operation of law"),
    _kw("KW_NO_RENEWAL", "sans renouvellement|sans reconduction", "no renewal|not renewable"),
    _kw("KW_RENEWAL", "renouvellement|reconduction", "renewal"),
    _kw("KW_TACIT", "tacite", "tacit"),
    _kw("KW_EXPRESS", "exprès|expresse", "express"),
    _kw("KW_UNSPECIFIED", "non précisé|non précisée", "unspecified"),
    _kw("KW_BY_PERIODS_OF", "par périodes de|par période de", "for periods of|by periods of"),
    _kw("KW_DECIDED_BY", "décidé par le vote|décidée par le vote|décidé par|décidée par", "decided by vote|decided by"),
    _kw("KW_MAXIMUM", "dans la limite de|au maximum", "up to|at most"),
    _kw("KW_IN_FORCE_AT", "entrée en vigueur à|entrée en vigueur dès", "in force at|in force upon"),
    # -- parties and actions ----------------------------------------------------
    _kw("KW_EACH_PARTY", "chaque partie|chaque membre|chacune des parties", "each party|each member"),
    _kw("KW_PARTIES", "parties|membres", "parties|members"),
    _kw("KW_ALL_PARTIES", "toutes [les] parties|tous [les] membres", "all parties|all members|all the parties"),
    _kw("KW_OTHER_PARTY", "autre partie", "other party"),
    _kw("KW_SAME_PARTY", "même partie|partie elle-même", "same party|that party itself"),
    _kw("KW_OTHER_PARTIES", "autres parties|autres membres", "other parties|other members"),
    _kw("KW_MUST_NOT", "ne doit pas|ne doivent pas|ne peut pas|ne peuvent pas", "must not|shall not|may not"),
    _kw("KW_MUST", "doit|doivent", "must|shall"),
    _kw("KW_MAY", "peut|peuvent", "may|can"),
    _kw("KW_TOWARDS", "envers|auprès de", "to|towards"),
    _kw("KW_SUBJECT", "objet", "subject"),
    _kw("KW_AND", "et", "and"),
    _kw("KW_BY_PARTY", "de|par", "by|from"),
    # -- deadlines ----------------------------------------------------------------
    _kw("KW_AT_LEAST", "au moins|au minimum", "at least"),
    # (not English `by`: after a condition's event, `if request by h2p`, it names a party)
    _kw("KW_AT_LATEST", "au plus tard", "at the latest|no later than|not later than"),
    _kw("KW_WITHIN", "dans un délai de|dans", "within"),
    _kw("KW_AFTER", "après", "after"),
    _kw("KW_BEFORE", "avant", "before"),
    _kw("KW_EACH", "chaque", "each|every"),
    _kw("KW_THE_TERM", "terme|échéance", "term end|end of the term|expiry"),
    _kw("KW_END_OF_EACH", "fin de chaque|clôture de chaque", "end of each|close of each"),
    _kw("KW_OF_EACH_MONTH", "de chaque mois", "of each month"),
    _kw("KW_RECEIPT_OF", "réception de|réception du", "receipt of"),
    _kw("KW_TIMES_PER", "fois par", "times per|times a|time per|time a"),
    _kw("KW_TIMES_EVERY", "fois tous les|fois toutes les", "times every|time every"),
    _kw("KW_DAYS", "jours|jour", "days|day|calendar days"),
    _kw("KW_CLEAR_DAYS", "jours francs|jour franc", "clear days|clear day"),
    _kw("KW_WORKING_DAYS", "jours ouvrés|jour ouvré", "working days|working day"),
    _kw("KW_BUSINESS_DAYS", "jours ouvrables|jour ouvrable", "business days|business day"),
    _kw("KW_WEEKS", "semaines|semaine", "weeks|week"),
    _kw("KW_MONTHS", "mois", "months|month"),
    _kw("KW_YEARS", "ans|an|années|année", "years|year"),
    _kw("KW_SEMESTERS", "semestres|semestre", "half-years|half-year|semesters|semester"),
    _kw("KW_QUARTERS", "trimestres|trimestre", "quarters|quarter"),
    _kw("KW_FISCAL_YEAR", "exercice", "financial year"),
    _kw("KW_CALENDAR_PERIODS", "périodes civiles|années civiles", "calendar periods|calendar years"),
    _kw("KW_TERM_PERIODS", "périodes à compter du début|années à compter du début",
        "periods from the start|years from the start"),
    # -- channels -------------------------------------------------------------------
    _kw("KW_BY_LRAR", "par lettre recommandée avec accusé de réception|par courrier recommandé avec accusé de réception|par LRAR",
        "by registered letter with acknowledgement of receipt|by recorded delivery|by LRAR"),
    _kw("KW_BY_REGISTERED", "par lettre recommandée|par courrier recommandé", "by registered letter|by registered post"),
    _kw("KW_BY_EMAIL", "par courriel|par mail|par e-mail|par courrier électronique", "by email|by e-mail"),
    _kw("KW_BY_LETTER", "par courrier|par lettre", "by letter|by post"),
    _kw("KW_IN_WRITING", "par écrit", "in writing"),
    _kw("KW_BY_HAND", "en main propre|en mains propres", "by hand"),
    # -- counting options -------------------------------------------------------------
    _kw("KW_WITHOUT_EXTENSION", "sans prorogation", "without extension"),
    _kw("KW_WITH_EXTENSION", "avec prorogation", "with extension"),
    _kw("KW_MISSING_DAY", "jour manquant", "missing day"),
    _kw("KW_LAST_DAY", "dernier jour du mois", "last day of the month"),
    _kw("KW_FIRST_OF_NEXT", "premier jour du mois suivant", "first day of the next month"),
    _kw("KW_REPORT", "à signaler", "report"),
    _kw("KW_SURVIVES", "survit au terme|survit à la convention", "survives the term|survives"),
    # -- powers -----------------------------------------------------------------------
    _kw("KW_IF", "si|en cas de", "if|upon"),
    _kw("KW_UNANSWERED_FOR", "restée sans effet pendant|resté sans effet pendant|restée sans effet durant",
        "left unanswered for|without effect for"),
    _kw("KW_FROM_ITS_RECEIPT", "à compter de sa réception|après sa réception", "from its receipt|after its receipt"),
    _kw("KW_NEVER_FIRST_YEAR", "jamais pendant la première année|jamais au cours de la première année",
        "never during the first year|never in the first year"),
    _kw("KW_NOT_BEFORE", "pas avant le|jamais avant le", "not before"),
    _kw("KW_EFFECTIVE_AT_RENEWAL", "effet à la reconduction|effective à la reconduction",
        "effective at renewal|effective on renewal"),
    _kw("KW_EFFECTIVE_NOW", "effet immédiat", "effective immediately"),
    _kw("KW_ENDS_CONVENTION", "met fin à la convention|résilie la convention", "ends the convention|terminates the convention"),
    _kw("KW_PARTY_LEAVES", "retire la partie|retire le membre", "removes the party|the party leaves"),
    # -- prohibitions -------------------------------------------------------------------
    _kw("KW_UNLESS", "sauf|sans", "unless|except|without"),
    # -- votes --------------------------------------------------------------------------
    _kw("KW_BALLOTS", "bulletins|votes exprimés par", "ballots"),
    _kw("KW_DECISION", "décision", "decision"),
    _kw("KW_VOTERS", "votants", "voters"),
    _kw("KW_IN_BODY", "en instance|au sein de", "in body"),
    _kw("KW_MAJORITY_MEMBERS", "à la majorité des membres|à la majorité des voix des membres",
        "by majority of members|by a majority of the members"),
    _kw("KW_MAJORITY_CAST", "à la majorité des suffrages exprimés|à la majorité des voix exprimées",
        "by majority of votes cast|by a majority of the votes cast"),
    _kw("KW_UNANIMITY", "à l'unanimité|à l’unanimité", "unanimously|by unanimity"),
    _kw("KW_EACH_AGREES", "avec l'accord de chaque partie|avec l’accord de chaque partie|avec l'accord de chacune des structures",
        "with the agreement of each party"),
    _kw("KW_CASTING_VOTE", "voix prépondérante de|voix prépondérante du", "casting vote of|casting vote by"),
    # -- money ---------------------------------------------------------------------------
    _kw("KW_PERIOD_FROM", "du", "from"),
    _kw("KW_PERIOD_TO", "au", "to"),
    _kw("KW_INDEX", "indice", "index"),
    _kw("KW_BASE_MONTH", "mois de base", "base month"),
    _kw("KW_MONTH_ZERO", "mois zéro", "month zero"),
    _kw("KW_REVISED_ANNUALLY", "révision annuelle|révisés annuellement", "revised annually|annual revision"),
    # -- consequences ----------------------------------------------------------------------
    _kw("KW_ENTAILS", "entraîne", "entails|causes"),
    _kw("KW_DISSOLUTION", "fin de la convention|dissolution", "end of the convention|dissolution"),
    _kw("KW_END_OF", "fin de|fin des", "end of"),
    _kw("KW_UNLESS_DECIDED", "sauf décision contraire|sauf décision contraire des parties",
        "unless the parties decide otherwise|unless decided otherwise"),
    # -- the term as texts write it (issue 10, item 7) ------------------------------------
    # `du 2025-04-01 au 2025-08-29` (inclusive last day) reuses KW_PERIOD_FROM / KW_PERIOD_TO.
    _kw("KW_UNLIMITED", "durée indéterminée|indéterminée|sans limitation de durée|illimitée",
        "indefinite|unlimited|for an indefinite period|indefinite term"),
    _kw("KW_EXTENDED_BY", "prolongée par|prolongé par|prorogée par|prorogé par|prolongeable par|reportée par|"
        "reporté par", "extended by|extendable by|postponed by"),
    _kw("KW_STEP_OF", "de", "by"),
    # -- anchors: dates after a period (issue 10, item 5) -------------------------------------
    _kw("KW_OF_NEXT_YEAR", "de l'année suivante|de l'année qui suit", "of the following year|of the next year"),
    _kw("KW_OF_EACH_YEAR", "de chaque année|de l'année", "of each year|each year"),
    _kw("KW_FOR_PREVIOUS_YEAR", "pour l'année précédente|au titre de l'année précédente|pour l'année écoulée",
        "for the previous year|for the preceding year"),
    # == anchors and windows (issue 10, item 5): calendar points, forward limits, windows, the later of two events
    _kw("KW_OF_EACH_YEAR_IN_FORCE", "de chaque année d'exécution|de chaque année de la convention|"
        "de chaque année de validité", "of each year in force|of each year of the agreement"),
    _kw("KW_LAST_DAY_OF", "dernier jour du|dernier jour de", "last day of"),
    _kw("KW_PREVIOUS", "précédent|précédente", "previous|preceding"),
    _kw("KW_END_OF_MONTH", "fin du mois de|fin du mois|fin de", "end of the month of|end of"),
    _kw("KW_THE_START", "début|commencement|prise d'effet|entrée en vigueur|au début|à la prise d'effet|"
        "à l'entrée en vigueur", "start|commencement|effective date|entry into force"),
    _kw("KW_DURING_PERIOD", "au cours du|au cours de|dans le courant du|pendant le", "during|in the course of"),
    # two concepts, so that the short `en` / `in` keeps a low priority (`in writing` must win over `in`)
    _kw("KW_IN_MONTH", "en", "in"),
    _kw("KW_IN_THE_MONTH", "au mois de|au mois", "in the month of"),
    _kw("KW_BETWEEN", "entre", "between"),
    _kw("KW_ORD_FIRST", "premier|première", "first"),
    _kw("KW_ORD_SECOND", "second|seconde|deuxième", "second"),
    _kw("KW_ORD_THIRD", "troisième", "third"),
    _kw("KW_ORD_FOURTH", "quatrième", "fourth"),
    _kw("KW_ORD_LAST", "dernier|dernière", "last"),
    _kw("KW_OF_YEAR_BEFORE", "de l'année précédant celle de|de l'année précédant celle du|de l'année précédant|"
        "de l'année qui précède", "of the year before|of the year preceding"),
    _kw("KW_FOR_PERIOD", "au titre du|au titre de|pour le", "for the|in respect of"),
    _kw("KW_LATER_OF", "dernière des deux dates|dernière des dates|plus tardive des deux dates|plus tardive des dates|"
        "dernier des deux événements|dernier des événements", "later of|latest of|last of"),
    _kw("KW_EARLIER_OF", "première des deux dates|première des dates|plus proche des deux dates|"
        "premier des deux événements|premier des événements", "earlier of|earliest of|first of"),
    _kw("KW_TAKES_EFFECT", "prend effet le|prend effet au|effet le|effet au", "takes effect on|effective on"),
    # suspension of duties while a situation lasts (force majeure)
    _kw("KW_SUSPENSION", "suspension", "suspension"),
    _kw("KW_DURING", "pendant|durant|tant que dure", "during|while"),
    _kw("KW_FOR_DUTIES", "des obligations|pour les obligations", "of the duties|for the duties|for duties"),
    # == langA: conditions (`si … et … ou non …`) ==================================
    _kw("KW_OR", "ou", "or"),
    _kw("KW_NOT", "non", "not"),
    _kw("KW_IS", "est|égal à|égale à", "is|equals|is equal to"),
    # headings: the three-word spellings give `is not` a higher lexer priority than `is` (whose longest
    # spelling is `is equal to`), so that `a is not "…"` is not read as `is` then `not`
    _kw("KW_IS_NOT", "n'est pas|n’est pas|différent de|différente de|n'est pas égal à|n’est pas égal à",
        "is not|differs from|is not equal to"),
    _kw("KW_MORE_THAN", "plus de|plus que|supérieur à|supérieure à", "more than|greater than|over"),
    _kw("KW_LESS_THAN", "moins de|moins que|inférieur à|inférieure à", "less than|under|below"),
    _kw("KW_PERCENT_OF", "de|du", "of"),
    # whose event a condition needs (`si manquement de l'autre partie`)
    _kw("KW_EVENT_BY", "de|par", "by|from|of"),
    _kw("KW_DURATION_BETWEEN", "durée entre|temps écoulé entre", "duration between|time between|time elapsed between"),
    _kw("KW_TIME_SINCE", "temps écoulé depuis|durée depuis", "time since|time elapsed since"),
    _kw("KW_STATUS", "statut", "status"),
    # == langA: limits without a number ===========================================
    _kw("KW_WITHOUT_DELAY", "sans délai|sans tarder", "without delay|forthwith"),
    _kw("KW_IMMEDIATELY", "immédiatement|sur-le-champ", "immediately|at once"),
    _kw("KW_PROMPTLY", "dans les meilleurs délais|dans les plus brefs délais|dans les plus courts délais|dès que possible",
        "as soon as possible|promptly|without undue delay"),
    _kw("KW_ON_FIRST_DEMAND", "à première demande|sur simple demande", "on first demand|on first request|on demand"),
    _kw("KW_ON_DEMAND_OF", "à première demande de|à première demande du|sur simple demande de|sur simple demande du",
        "on first demand of|on first request of|on request of"),
    _kw("KW_AS_SOON_AS", "dès|dès que", "as soon as|immediately upon"),
    _kw("KW_AT_END_OF", "à l'issue de|à l’issue de|à l'issue du|à l’issue du|au terme de|au terme du|à la fin de|à la fin du",
        "at the end of|upon completion of|on completion of"),
    _kw("KW_AT_TERM", "au terme|à l'échéance|à l’échéance", "at the term end|at expiry|on expiry"),
    # == langA: parameters ==========================================================
    _kw("KW_PARAMETER", "paramètre", "parameter"),
    _kw("KW_DEFAULT", "par défaut", "by default|default"),
    # == langA: amounts ==============================================================
    _kw("KW_AMOUNT", "montant", "amount"),
    # == langA: units of presence ====================================================
    _kw("KW_UNIT", "unité", "unit"),
    _kw("KW_TOTAL_OF", "total de|total des|somme de|somme des", "total of|sum of"),
    # == langA: governance ===========================================================
    _kw("KW_MAJORITY_OF", "majorité de|majorité des|à la majorité de|à la majorité des", "majority of|by a majority of"),
    _kw("KW_HALF_PLUS_ONE", "la moitié plus un|moitié plus un", "half plus one"),
    _kw("KW_OF_MEMBERS", "des membres en exercice|des membres", "of the members in office|of the members|of members"),
    _kw("KW_OF_PRESENT_OR_REPRESENTED", "des présents ou représentés|des membres présents ou représentés",
        "of those present or represented|of the members present or represented"),
    _kw("KW_OF_PRESENT", "des présents|des membres présents", "of those present|of the members present"),
    _kw("KW_OF_CAST", "des suffrages exprimés|des voix exprimées", "of the votes cast|of votes cast"),
    _kw("KW_PROXIES_AT_MOST", "pouvoirs au plus|procurations au plus", "proxies at most|at most proxies"),
    _kw("KW_PER_MEMBER", "par membre|par mandataire", "per member|per proxy holder"),
    _kw("KW_SECOND_CALL", "seconde convocation au moins|deuxième convocation au moins",
        "second call at least|second convocation at least"),
    _kw("KW_WITHOUT_QUORUM", "après sans quorum|plus tard sans quorum|sans quorum", "later without quorum|without quorum"),
    _kw("KW_MEMBERS_FROM", "de", "of|from"),
    _kw("KW_MEMBERS_TO", "à", "to"),
    _kw("KW_MEMBERS_WORD", "membres", "members"),
    # == members' mandates on a body: `élus par élection_ca pour 2 ans renouvelés par moitié chaque année
    # premiers sortants tirés au sort lors de tirage_sortants` (issue 10 item 9)
    _kw("KW_ELECTED_BY", "élus par|élu par|élues par|élue par|élus lors de|élus à", "elected by|elected at"),
    _kw("KW_MANDATE_FOR", "pour une durée de|pour un mandat de|pour", "for a term of|for terms of|for"),
    _kw("KW_RENEWED_BY", "renouvelés par|renouvelé par|renouvelées par|renouvelée par|renouvelables par|"
        "renouvelable par", "renewed by|renewable by"),
    _kw("KW_SHARE_HALF", "moitié|moitiés", "half|halves"),
    _kw("KW_SHARE_THIRD", "tiers", "thirds|third"),
    _kw("KW_SHARE_QUARTER", "quart|quarts", "quarters|quarter"),
    _kw("KW_EVERY_N", "tous les|toutes les", "at intervals of"),   # English `every 2 years`: KW_EACH
    _kw("KW_FIRST_LEAVERS_BY_LOT", "premiers sortants tirés au sort|premiers sortants désignés par le sort|"
        "membres sortants de la première année tirés au sort", "first leavers drawn by lot|first outgoing members "
        "drawn by lot"),
    _kw("KW_AT_EVENT", "lors de|lors du|lors d'|lors d’", "at"),
    # == governance (issue 10 item 9, rest): second meeting within N days, quorum of those
    # actually present, rights of a fraction of the members, counts of events, elections ======
    _kw("KW_QUORUM_PRESENT", "quorum de présence effective|quorum des présents effectifs|quorum de présents",
        "quorum in person|quorum of those actually present|quorum present in person"),
    _kw("KW_SECOND_WITHIN", "seconde convocation dans un délai de|seconde convocation dans|"
        "nouvelle assemblée dans un délai de|nouvelle assemblée dans|nouvelle réunion dans un délai de|"
        "nouvelle réunion dans", "second call within|second meeting within|new meeting within"),
    _kw("KW_DECIDING", "statuant|qui statue|délibérant|qui délibère", "deciding|which decides"),
    _kw("KW_PLURALITY", "à la majorité relative|majorité relative|au plus grand nombre de suffrages",
        "by plurality|by relative majority|by the most votes"),
    _kw("KW_TIE_BY_LOT", "égalité tirage au sort|en cas d'égalité tirage au sort|en cas d’égalité tirage au sort",
        "tie drawn by lot|ties drawn by lot|in case of a tie drawn by lot"),
    _kw("KW_SECRET_BALLOT", "à bulletins secrets|au scrutin secret|scrutin secret", "by secret ballot|secret ballot"),
    _kw("KW_COUNT_OF", "nombre de|nombre d'|nombre d’", "number of|count of"),
    _kw("KW_CONSECUTIVE", "consécutifs|consécutives|consécutif|consécutive|à la suite", "in a row|consecutive"),
    _kw("KW_RESET_BY", "interrompus par|interrompues par|remis à zéro par", "reset by|interrupted by"),
    _kw("KW_IN_LAST", "au cours des|dans les|pendant les", "in the last|within the last|over the last"),
    _kw("KW_LAST_WORD", "derniers|dernières|écoulés|écoulées", "past|elapsed"),
    _kw("KW_FOR_CURRENT_YEAR", "pour l'année en cours|pour l’année en cours|de l'année en cours|de l’année en cours",
        "for the current year|of the current year"),
    _kw("KW_SINCE_LAST", "depuis le dernier|depuis la dernière|depuis", "since the last|since"),
    _kw("KW_TIME_UNTIL", "temps restant jusqu'à|temps restant jusqu’à|temps restant jusqu'au|temps restant jusqu’au|"
        "durée jusqu'à|durée jusqu’à|durée jusqu'au|durée jusqu’au", "time until|time left until|time remaining until"),
    # == recurrence: series started and stopped by events, windows of powers, breaches of a clause ==
    # (issue 10, items 6 and 8; `à compter de [chaque]` reuses KW_FROM and KW_EACH, `jusqu'à` KW_UNTIL)
    # (only `manquement à`: `manquement au moins`, `inexécution de h2p`, English `breach of the other party`
    # already read as an event, its party or a count)
    _kw("KW_WHILE", "tant que|aussi longtemps que", "as long as"),
    _kw("KW_NOT_AFTER", "pas après le|jamais après le", "not after"),
    _kw("KW_DURING_FIRST_YEAR", "pendant la première année|au cours de la première année|durant la première année",
        "during the first year|in the first year"),
    _kw("KW_BREACH_OF", "manquement à", "failure to comply with|non-compliance with"),
    # == governance: the outcome of a counted vote as a condition (`si décision adoptée selon le vote v`) ==
    _kw("KW_ADOPTED", "adoptée|adopté|adoptées|adoptés", "adopted|carried"),
    _kw("KW_REJECTED", "rejetée|rejeté|rejetées|rejetés", "rejected|defeated"),
    _kw("KW_UNDER_VOTE", "selon le vote|selon les modalités du vote|selon les modalités de vote du vote",
        "under vote|under the rules of vote"),
    _kw("KW_SUBJECT_TO", "sous réserve du respect de|sous réserve du respect du|sous réserve du respect des|"
        "sous réserve de l'exécution de", "subject to compliance with|subject to performance of"),
    _kw("KW_UNREMEDIED_FOR", "persistant pendant|non régularisé pendant|non réparé pendant|resté impayé pendant|"
        "restée impayée pendant", "unremedied for|persisting for|still unpaid after"),
    # == headings: the divisions a citation names (`titre 2 article 3`, `annexe 1`) ===
    _kw("KW_TITLE_DIVISION", "titre", "title"),
    _kw("KW_CHAPTER", "chapitre", "chapter"),
    _kw("KW_SECTION", "section|sous-section", "section|subsection"),
    _kw("KW_ANNEX", "annexe", "annex|appendix|schedule"),
    _kw("KW_PREAMBLE", "préambule|exposé des motifs", "preamble|recitals"),
    # == notice: effects delayed by a notice period (issue 10, item 7) ===================
    _kw("KW_NOTICE_PERIOD", "avec un préavis de|avec préavis de|moyennant un préavis de|moyennant le respect d'un "
        "préavis de|en respectant un préavis de|après un préavis de|préavis de",
        "with notice of|with a notice of|with a notice period of|giving notice of|subject to notice of|notice of"),
    _kw("KW_REDUCED_TO", "ramené à|ramenée à|réduit à|réduite à", "reduced to|shortened to"),
    _kw("KW_IN_CASE_OF_ELIDED", "en cas d'", "in case of an|in the event of an"),
    # `à la date du 2026-06-30` / `à la date {date_contrôle}`: on that very day (issue 10, item 2)
    # hours and the convention's time zone (issue 10, item 4)
    _kw("KW_HOURS", "heures|heure|h", "hours|hour|h"),
    _kw("KW_BUSINESS_HOURS", "heures ouvrables|heure ouvrable", "business hours|business hour"),
    _kw("KW_WORKING_HOURS", "heures ouvrées|heure ouvrée", "working hours|working hour"),
    _kw("KW_TIME_ZONE", "fuseau horaire|fuseau", "time zone|timezone"),
    _kw("KW_ON_DATE", "à la date du|à la date de|à la date|le jour même du", "on the date of|on the day of|on the date"),
    # == acts (issue 10): contents of an act, standing duties, no time limit, joint acts, lists ==
    _kw("KW_STATING", "indiquant|mentionnant|énonçant|faisant mention de|comprenant",
        "stating|mentioning|containing|including"),
    _kw("KW_AMONG", "parmi|compris dans|comprises dans|figurant dans|figurant à", "among|included in|all among"),
    _kw("KW_JOINTLY", "conjointement|contradictoirement|ensemble", "jointly|together"),
    _kw("KW_NO_TIME_LIMIT", "sans délai fixé|sans délai imparti|sans limite de temps",
        "with no time limit|without a time limit|with no deadline"),
    _kw("KW_AT_ANY_TIME", "à tout moment|en tout temps|à tout instant", "at any time|at all times"),
    _kw("KW_VIOLATED_BY", "méconnue par|méconnu par|enfreinte par|enfreint par", "breached by|violated by"),
    # == money: published series, interest, instalments, revision by an index (issue 10, item 10) ==
    _kw("KW_SERIES", "série publiée|série", "published series|series"),
    _kw("KW_FILE", "fichier", "file"),
    _kw("KW_INSTALMENTS", "payable en plusieurs fois|payable en plusieurs versements|en plusieurs versements|"
        "paiement échelonné|payable par versements échelonnés",
        "payable in instalments|payable in installments|in instalments|in installments"),
    _kw("KW_INTEREST_AT", "portant intérêt au taux de|portent intérêt au taux de|intérêts au taux de|"
        "intérêt au taux de", "bearing interest at the rate of|interest at the rate of|interest at"),
    # == money: an amount revised each year by a published index or rate (issue 10, item 10) ==
    _kw("KW_REVISED_EACH_YEAR", "révisé chaque année|révisée chaque année|revalorisé chaque année|"
        "revalorisée chaque année|indexé chaque année|indexée chaque année",
        "revised each year|revised every year|revalued each year|indexed each year"),
    _kw("KW_BY_INDEX", "selon l'indice|en fonction de l'indice|en fonction de la variation de l'indice|"
        "selon la variation de l'indice", "by the index|according to the index|by the change in the index"),
    _kw("KW_BY_RATE", "du taux de|du taux d'évolution de|selon le taux de", "by the rate of|by the rate in"),
    _kw("KW_INDEX_BASE", "indice de base|niveau de départ", "base index|starting index"),
    _kw("KW_INDEX_REFERENCE", "indice de référence", "reference index"),
    _kw("KW_LAST_PUBLISHED_ON", "le dernier publié au|le dernier publié le|le dernier publié à|dernier publié au|"
        "dernier publié le|dernier publié à", "the last published on|last published on|the latest published on|"
        "latest published on|the last published at|last published at"),
    _kw("KW_REVISION_DAY", "la date de révision|la révision|chaque révision",
        "the revision date|each revision|the revision"),
    _kw("KW_FIRST_OF_PREVIOUS_MONTH", "premier jour du mois précédant la révision|1er jour du mois précédant la révision",
        "the first day of the month before the revision|the first day of the month preceding the revision"),
    _kw("KW_NAMELY", "soit", "namely|that is"),
    # == a recurring duty's partial periods (a first or last period shorter than the others) ==
    _kw("KW_PARTIAL_IN_FULL", "périodes incomplètes dues en entier|période incomplète due en entier|"
        "même pour une période incomplète|même pour une année incomplète",
        "partial periods owed in full|a partial period owed in full|even for a partial period|even for a partial year"),
    _kw("KW_PARTIAL_PRO_RATA", "périodes incomplètes au prorata|période incomplète au prorata|"
        "au prorata des périodes incomplètes", "partial periods pro rata|pro rata for partial periods"),
    # == time: the time of day a limit's last day ends at (issue 10, item 4): `avant 12 heures`, `à 18 h 30`
    _kw("KW_AT_HOUR", "à", "at"),
    _kw("KW_NOON", "midi", "noon|midday"),
)

BY_NAME: dict[str, Keyword] = {k.name: k for k in KEYWORDS}

_ACCENT_CLASSES = {"é": "éeÉE", "è": "èeÈE", "ê": "êeÊE", "à": "àaÀA", "â": "âaÂA", "î": "îiÎI",
                   "ô": "ôoÔO", "û": "ûuÛU", "ù": "ùuÙU", "ç": "çcÇC", "ï": "ïiÏI", "ë": "ëeËE"}


def _phrase_regex(phrase: str) -> str:
    """Regex for one spelling: flexible whitespace, optional ``[words]``, optional accents."""
    parts: list[str] = []
    for word in phrase.split(" "):
        optional = word.startswith("[") and word.endswith("]")
        word = word.strip("[]")
        body = "".join(f"[{_ACCENT_CLASSES[c]}]" if c in _ACCENT_CLASSES else
                       ("['’]" if c in "'’" else re.escape(c)) for c in word)
        parts.append(f"(?:\\s+{body})?" if optional else f"\\s+{body}" if parts else body)
    return "".join(parts)


def keyword_regex(kw: Keyword, language: str | None = None) -> str:
    forms = kw.fr + kw.en if language is None else (kw.fr if language == "fr" else kw.en)
    # longest spelling first so that "jours francs" wins over "jours"
    # notice: a spelling that ends in an elision ("en cas d'") is followed by its word at once
    elided = sorted({_phrase_regex(f) for f in forms if f[-1] in "'’"}, key=lambda r: (-len(r), r))
    forms = tuple(f for f in forms if f[-1] not in "'’")
    alternatives = sorted({_phrase_regex(f) for f in forms}, key=lambda r: (-len(r), r))
    ends_in_word = any(f[-1].isalnum() or f.endswith("]") for f in forms)
    boundary = "(?![\\w'’-])" if ends_in_word else ""
    whole = f"(?:{'|'.join(alternatives)}){boundary}" if alternatives else ""
    return f"(?:{'|'.join(([whole] if whole else []) + elided)})" if elided else whole


def _words(kw: Keyword) -> int:
    return max(len(form.split()) for form in kw.fr + kw.en)


def grammar_terminals() -> str:
    """Lark terminal definitions for every keyword.

    Priority 2 and up puts keywords above identifiers; one more per word makes the
    longest phrase win where a merged LALR state accepts two keywords of which one
    starts the other ("à compter de sa réception" over "à compter de"): Lark's
    lexer takes the first terminal that matches, in priority order.
    """
    lines = []
    for kw in KEYWORDS:
        pattern = keyword_regex(kw).replace("/", "\\/")
        lines.append(f"{kw.name}.{1 + _words(kw)}: /{pattern}/i")
    return "\n".join(lines)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("’", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


@lru_cache(maxsize=None)
def _compiled(name: str, language: str) -> re.Pattern[str]:
    return re.compile(f"^{keyword_regex(BY_NAME[name], language)}$", re.IGNORECASE)


@lru_cache(maxsize=4096)   # every keyword token of every file asks: a few hundred spellings in all
def language_of(terminal: str, text: str) -> str | None:
    """'fr' or 'en' when the spelling belongs to one language only, else None."""
    kw = BY_NAME.get(terminal)
    if kw is None:
        return None
    fr = bool(_compiled(terminal, "fr").match(text))
    en = bool(_compiled(terminal, "en").match(text))
    if fr and not en:
        return "fr"
    if en and not fr:
        return "en"
    return None
