"""What each keyword means, in the words a hover shows (and the rule it applies).

Keyed by concept (``KW_*`` of :mod:`clauses.language.keywords`), in English; a keyword
with no entry yet is described by its spellings alone (``tests/test_lsp.py`` checks
that every statement keyword, unit and channel has an entry).
"""

from __future__ import annotations

import re

from clauses.language.keywords import Keyword

MEANINGS: dict[str, str] = {
    # statements
    "KW_LANGUAGE": "Declares the keyword language of the file: `fr` or `en`.",
    "KW_CONVENTION": "The convention: its title, its text in `conventions/`, where and when it was signed, "
                     "its holiday calendar.",
    "KW_PARTY": "Declares a party: a short name used everywhere else, its full name and role.",
    "KW_EVENT": "Declares an event: the name an event log uses for something that happens.",
    "KW_BODY": "Declares a body (committee): its chair, deliberative and consultative members, quorum.",
    "KW_TERM": "The term of the convention: start, duration, end, renewal.",
    "KW_DUTY": "A duty: who must do what, to whom, by when, through which channel. "
               "`clauses check` reports it fulfilled, breached, upcoming or pending.",
    "KW_POWER": "A power: who may do what, on which conditions, with which effect.",
    "KW_PROHIBITION": "A prohibition: who must not do what, unless something came first.",
    "KW_VOTE": "A collective decision: ballots, decision, voters, majority rule, casting vote, quorum.",
    "KW_KEY": "A financial key: the share of each party per period (exact decimals, adding up to 100 %).",
    "KW_INDEXATION": "A price revision formula, its index and base month.",
    "KW_CONSEQUENCE": "A cascade: an event entails the end of clauses or of the convention.",
    "KW_READING": "The reading chosen where the text is ambiguous, and why (`lecture \"…\" car \"…\"`); "
                  "reported by `clauses lint --show-info` and `clauses check --explain`.",
    "KW_BECAUSE": "The reason for the reading chosen.",
    # langB: suspension while a situation lasts (issue 10, item 7)
    "KW_SUSPENSION": "A suspension: while a situation lasts (`pendant force_majeure jusqu'à fin_force_majeure`), "
                     "the forward limits of the duties stop running and resume when it ends.",
    "KW_PARAMETER": "A typed parameter of a template (`paramètre plafond montant.`), given by each signed "
                    "instance (NAME.instance.yaml) and written `{plafond}` where it is used.",
    "KW_AMOUNT": "A named amount of money (`montant`): its value, cap or floor, checked by lint in exact decimals.",
    "KW_UNIT": "A unit the convention defines for its thresholds (`unité jour_de_présence : 7 heures.`), "
               "compared with totals of the log (`si total de présence.heures plus de 2 mois_de_stage`).",
    "KW_SUSPENSION": "A suspension of duties and time limits while a situation lasts (force majeure): `suspension … : pendant X jusqu'à Y`.",
    # money (issue 10 item 10)
    "KW_SERIES": "A published series (rates per half-year, an index per quarter) read from a CSV file of the "
                 "project, with the source of each row: `série taux_légal \"…\" fichier \"../series/….csv\".`",
    "KW_FILE": "The CSV file of a published series, relative to the rules file, inside the project.",
    "KW_INSTALMENTS": "The duty's acts add up to its amount (`montant …`): met once the total is paid.",
    "KW_INTEREST_AT": "A late or missing payment owes interest per day at the rate of a series' column "
                      "(`intérêts au taux de taux_légal.autres_cas`), shown with its rate periods in `--explain`.",
    "KW_REVISED_EACH_YEAR": "The named amount is revised on each anniversary of its first day (`à compter du …`, "
                            "else the term's start), by an index (`selon l'indice S.C`) or a rate (`du taux de S.C`).",
    "KW_BY_INDEX": "Revised by the ratio reference index / base index of a published series' column; the value last "
                   "published on a day is read from the series' `publié` dates.",
    "KW_BY_RATE": "Revalued each year by (1 + the rate of the year just ended / 100), compounded.",
    "KW_INDEX_BASE": "The base index of a revision: a value, a parameter, or `le dernier publié au DATE [soit V]`.",
    "KW_INDEX_REFERENCE": "The reference index of each revision: the last published on the revision date, or on the "
                          "first day of the month before it.",
    "KW_PARTIAL_IN_FULL": "A recurring duty's period cut short (by the start or the end) owes the whole number of "
                          "acts, not its share under the stub rule.",
    "KW_PARTIAL_PRO_RATA": "A recurring duty's period cut short owes its share, times × days / days of a whole "
                           "period, rounded half up even below one.",
    "KW_ARTICLE": "Cites the article of the convention text the clause encodes; checked against the text.",
    # header
    "KW_TEXT": "The file of the convention's text, in the project's `conventions/` folder.",
    "KW_SIGNED_AT": "Where (and when) the convention was signed.",
    "KW_UNDATED": "The signature date is left blank in the text.",
    "KW_HOLIDAYS": "The public-holiday calendar for the CPC art. 642 extension: `métropole` or `alsace-moselle`.",
    "KW_ROLE": "The party's role, as the text states it.",
    "KW_COORDINATOR": "This party coordinates: its vote may prevail, it may chair bodies.",
    "KW_NON_SIGNATORY": "A party named by the text that does not sign it (e.g. a contractor).",
    "KW_REPRESENTATIVES": "An attendance rule: the event counts only with that many representatives of each party.",
    # term
    "KW_FROM": "The start the duration is counted from (a date, the signature, or an event).",
    "KW_UNTIL": "The explicit end date stated by the text.",
    "KW_AUTOMATIC_END": "The convention ends by operation of law at its term, without notice.",
    "KW_NO_RENEWAL": "The convention is not renewed.",
    "KW_RENEWAL": "Renewal: `tacite` (unless a party objects), `exprès` (by decision), or `non précisé`.",
    "KW_TACIT": "Tacit renewal: renewed unless a party withdraws in time.",
    "KW_EXPRESS": "Express renewal: renewed only by a decision (see `décidé par`).",
    "KW_BY_PERIODS_OF": "The length of each renewal period.",
    "KW_DECIDED_BY": "The vote clause whose decision renews the convention.",
    "KW_MAXIMUM": "The longest the convention may last, renewals included.",
    "KW_IN_FORCE_AT": "When the convention takes effect, if not at its start.",
    # parties
    "KW_EACH_PARTY": "Each party on its own: one duty per party.",
    "KW_PARTIES": "The parties jointly: one act by any of them fulfils the duty.",
    "KW_ALL_PARTIES": "Every party.",
    "KW_OTHER_PARTY": "The other party (of a two-party relation).",
    "KW_OTHER_PARTIES": "The parties other than the one concerned.",
    "KW_SAME_PARTY": "The party itself (the one bearing the clause).",
    "KW_MUST": "Introduces the act a duty requires.",
    "KW_MUST_NOT": "Introduces the act a prohibition forbids.",
    "KW_MAY": "Introduces the act a power allows.",
    "KW_TOWARDS": "To whom the act is addressed.",
    # deadlines
    "KW_AT_LEAST": "A minimum: `au moins 6 mois avant le terme` (a backward limit, never extended), "
                   "or `au moins 2 fois par an` (a recurring duty).",
    "KW_AT_LATEST": "A latest date: a fixed date, or before the end of each period.",
    "KW_WITHIN": "A forward limit from each trigger: CPC art. 641 (months end on the same-numbered day) and "
                 "art. 642 (a limit ending on a Saturday, Sunday or holiday is extended to the next working day; "
                 "`sans prorogation` disables it).",
    "KW_BEFORE": "Counted back from a date (the term, each renewal, each event): never extended.",
    "KW_AFTER": "After an event (a condition), or counted from it.",
    "KW_THE_TERM": "The end of the term.",
    "KW_END_OF_EACH": "Once per period, before its end.",
    "KW_OF_EACH_MONTH": "Monthly: before that day of each month (the day before is the last).",
    "KW_RECEIPT_OF": "Counted from the receipt of the trigger (its `received` date when the log has one; "
                     "CPC art. 668-669).",
    "KW_TIMES_PER": "A recurring duty: that many times in each period.",
    "KW_TIMES_EVERY": "A recurring duty: that many times in each span of periods.",
    "KW_DAYS": "Calendar days (CPC art. 641: the day of the event does not count).",
    "KW_CLEAR_DAYS": "Clear days (jours francs): neither the day of the event nor the last day counts.",
    "KW_WORKING_DAYS": "Working days (jours ouvrés): Monday to Friday, holidays excluded.",
    "KW_BUSINESS_DAYS": "Business days (jours ouvrables): Monday to Saturday, holidays excluded.",
    "KW_WEEKS": "Weeks: the limit ends on the same weekday.",
    "KW_MONTHS": "Months: the limit ends on the same-numbered day, or the last day of a shorter month "
                 "(CPC art. 641; see `jour manquant`).",
    "KW_YEARS": "Years: the limit ends on the same day and month.",
    "KW_SEMESTERS": "Half-year periods.",
    "KW_QUARTERS": "Quarters.",
    "KW_FISCAL_YEAR": "The financial year (set its anchoring with `périodes civiles` or `périodes à compter du début`).",
    "KW_CALENDAR_PERIODS": "Periods follow the calendar (1 January, 1 July...).",
    "KW_TERM_PERIODS": "Periods run from the start of the convention (its anniversaries).",
    # channels
    "KW_BY_LRAR": "Through a registered letter with acknowledgement of receipt (log `via: lrar`).",
    "KW_BY_REGISTERED": "Through a registered letter (log `via: registered`; LRAR also qualifies).",
    "KW_BY_EMAIL": "By email (log `via: email`).",
    "KW_BY_LETTER": "By letter (log `via: letter`; registered letters also qualify).",
    "KW_IN_WRITING": "In writing: any written channel qualifies.",
    "KW_BY_HAND": "Handed over (log `via: hand`).",
    # options
    "KW_WITHOUT_EXTENSION": "No CPC art. 642 extension: the limit ends on its day, even a Sunday.",
    "KW_WITH_EXTENSION": "The CPC art. 642 extension applies (the default for forward limits).",
    "KW_MISSING_DAY": "What a month limit does when the day does not exist (31 → 30 February).",
    "KW_LAST_DAY": "The last day of the month (the CPC art. 641 rule).",
    "KW_FIRST_OF_NEXT": "The first day of the next month.",
    "KW_REPORT": "Report the date as ambiguous instead of choosing.",
    "KW_SURVIVES": "The clause still binds after the convention ends.",
    # powers
    "KW_IF": "A condition: the power exists only if this event happened.",
    "KW_UNANSWERED_FOR": "The condition's event must stay without effect this long before the power is exercised.",
    "KW_FROM_ITS_RECEIPT": "The period runs from the receipt of the notice.",
    "KW_NEVER_FIRST_YEAR": "The power cannot be exercised during the first year.",
    "KW_NOT_BEFORE": "The power cannot be exercised before this date.",
    "KW_EFFECTIVE_AT_RENEWAL": "The exercise takes effect at the next renewal date.",
    "KW_EFFECTIVE_NOW": "The exercise takes effect at once.",
    "KW_ENDS_CONVENTION": "Exercising the power ends the convention.",
    "KW_PARTY_LEAVES": "Exercising the power removes the party that exercises it.",
    "KW_UNLESS": "An exception: the act is allowed after this event.",
    # votes
    "KW_BALLOTS": "The event each voter's ballot is logged as.",
    "KW_DECISION": "The event the decision is logged as.",
    "KW_VOTERS": "Who votes.",
    "KW_IN_BODY": "The body the vote takes place in.",
    "KW_MAJORITY_MEMBERS": "Majority of all members (absent ones count against).",
    "KW_MAJORITY_CAST": "Majority of the votes cast.",
    "KW_UNANIMITY": "Every voter must agree.",
    "KW_EACH_AGREES": "The agreement of each party is needed.",
    "KW_CASTING_VOTE": "Whose vote prevails in a tie.",
    "KW_QUORUM": "How many members must take part.",
    # money
    "KW_PERIOD_FROM": "The first day of a period of the key.",
    "KW_PERIOD_TO": "The last day of a period of the key.",
    "KW_INDEX": "The index of the formula and its base month.",
    "KW_BASE_MONTH": "The month whose index value is the base (I0).",
    "KW_MONTH_ZERO": "The month of the initial price (P0).",
    "KW_REVISED_ANNUALLY": "The price is revised once a year.",
    # term (more)
    "KW_UNLIMITED": "The convention has no fixed end (durée indéterminée): it runs until ended by a power.",
    "KW_EXTENDED_BY": "The term may be extended by this decision or act.",
    "KW_SIGNATURE": "The date of signature, as a start anchor.",
    "KW_UNSPECIFIED": "The text does not say how the convention is renewed.",
    # prompt duties
    "KW_WITHOUT_DELAY": "Without delay: a duty with no number of days, reported when not done promptly.",
    "KW_IMMEDIATELY": "At once: a duty with no number of days.",
    "KW_PROMPTLY": "As soon as possible: a duty with no number of days.",
    "KW_ON_FIRST_DEMAND": "On first demand: due when asked.",
    "KW_ON_DEMAND_OF": "On the first demand of this party.",
    "KW_AS_SOON_AS": "Due as soon as this event happens (or is received).",
    # acts (issue 10)
    "KW_STATING": "What each act must state: columns of its row, or items of its `contenu` column.",
    "KW_AMONG": "Every item of a list column is among the items of another list.",
    "KW_JOINTLY": "One act done by all the debtors together (`by: a;b`).",
    "KW_NO_TIME_LIMIT": "A duty with its trigger and no time limit at all: pending, never a breach by itself.",
    "KW_AT_ANY_TIME": "A standing duty: in force while the convention runs, breached by the events `méconnue par` names.",
    "KW_VIOLATED_BY": "The event that shows a standing duty's failure (a refusal, an obstruction).",
    "KW_AT_END_OF": "Due at the end of this event or period.",
    "KW_AT_TERM": "Due at the end of the term.",
    # conditions and parameters
    "KW_OR": "Either condition.",
    "KW_NOT": "The opposite of the condition.",
    "KW_IS": "Equal to.",
    "KW_IS_NOT": "Different from.",
    "KW_MORE_THAN": "Strictly more than.",
    "KW_LESS_THAN": "Strictly less than.",
    "KW_DURATION_BETWEEN": "The time elapsed between two events.",
    "KW_TIME_SINCE": "The time elapsed since an event.",
    "KW_STATUS": "The party's legal status, as the text states it.",
    "KW_DEFAULT": "The value used when none is given.",
    # governance
    "KW_CHAIRED_BY": "Who chairs the body.",
    "KW_DELIBERATIVE": "The members with a deliberative vote.",
    "KW_CONSULTATIVE": "The members with a consultative vote only (they do not count for majorities).",
    "KW_MAJORITY_OF": "A majority rule: a fraction (or half plus one) of a count of members.",
    "KW_HALF_PLUS_ONE": "Half of the count, plus one.",
    "KW_OF_MEMBERS": "Counted over the members in office.",
    "KW_OF_PRESENT_OR_REPRESENTED": "Counted over the members present or represented by proxy.",
    "KW_OF_PRESENT": "Counted over the members present.",
    "KW_OF_CAST": "Counted over the votes cast.",
    "KW_PROXIES_AT_MOST": "The most proxies one member may hold.",
    "KW_SECOND_CALL": "A second meeting, at least this long after, may decide without quorum.",
    "KW_WITHOUT_QUORUM": "The second meeting decides whatever the attendance.",
    "KW_QUORUM_PRESENT": "A quorum counted on the members present in person only (not those represented).",
    "KW_SECOND_WITHIN": "A second meeting within this limit of a first that failed, with its own rules.",
    "KW_DECIDING": "The rules the second meeting decides under.",
    "KW_PLURALITY": "An election: the candidates with the most votes are elected.",
    "KW_TIE_BY_LOT": "A tie for the last seat is settled by a draw recorded on the election event.",
    "KW_SECRET_BALLOT": "The election is held by secret ballot (column `scrutin`).",
    "KW_COUNT_OF": "How many events of a kind (by whom, in a window, since another event).",
    "KW_CONSECUTIVE": "Counted in a row: after the latest of the reset events.",
    "KW_RESET_BY": "The events that reset a count in a row (a presence).",
    "KW_IN_LAST": "Only the events of the last N days, months or years up to the day.",
    "KW_FOR_CURRENT_YEAR": "An event accounting for the year of the judged event.",
    "KW_SINCE_LAST": "Only events after the latest one of these kinds.",
    "KW_TIME_UNTIL": "The time left from the day until a date.",
    # consequences
    "KW_ENTAILS": "What the event causes.",
    "KW_DISSOLUTION": "The end of the whole convention.",
    "KW_END_OF": "The end of these clauses.",
    "KW_UNLESS_DECIDED": "Unless the parties decide otherwise (recorded; not evaluated).",
}


def _spellings(forms: tuple[str, ...]) -> str:
    return ", ".join(f"`{re.sub(r'[][]', '', f)}`" for f in forms)


def describe_keyword(kw: Keyword, language: str = "fr") -> str:
    """Markdown: the keyword as the file spells it, what it means, its spellings in both languages."""
    meaning = MEANINGS.get(kw.name, "")
    lines = [f"**`{kw.label(language)}`** — {meaning}" if meaning else f"**`{kw.label(language)}`** (keyword)"]
    lines.append("")
    lines.append(f"French: {_spellings(kw.fr)}  ")
    lines.append(f"English: {_spellings(kw.en)}")
    return "\n".join(lines)
