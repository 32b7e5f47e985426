r"""The sheet layout of a network in tables: workbooks, CSV folders and pandas frames.

One sheet per record type (actors, cooperations, forums, flows, interventions, programmes),
plus a sheet for the network itself, one for actors' identifiers and one for forum members.
Each column maps to a field of the model; a test checks that every field of every record
is mapped, so the layout cannot drift from the model, and the reference page of the
documentation is generated from it.

Headers and sheet names are German (``Schulform``, ``Akteure``) or English (``school_form``,
``actors``); both are read. Cells that hold several values separate them with ``;``
(``Inklusion; Migration``); a ``;`` inside one value is written ``\;``.

Examples
--------
>>> from bildungsnetz.io.layout import SHEETS
>>> actors = SHEETS["actors"]
>>> actors.de, actors.column("school_form").de
('Akteure', 'Schulform')
>>> [sheet.key for sheet in SHEETS.values()][:3]
['network', 'actors', 'identifiers']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from bildungsnetz.model import (
    ActorKind,
    CooperationKind,
    CooperationLevel,
    Formality,
    ForumKind,
    FundingSource,
    Intensity,
    PreventionTier,
    SchoolForm,
    Stage,
    Topic,
    TransitionKind,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from bildungsnetz.model.enums import LabelledEnum

__all__ = ["SHEETS", "Column", "ColumnType", "Sheet", "normalised", "reference"]

ColumnType = Literal[
    "id",  # the record's own id
    "ref",  # the id of a record on another sheet
    "refs",  # several such ids
    "name",  # required text
    "text",  # optional text
    "texts",  # several texts
    "enum",  # one value of an enumeration, by German label or English value
    "enums",  # several
    "ags",  # an 8-digit municipality key
    "agss",  # several
    "date",  # a day
    "last_day",  # the last day of a period (the model keeps the first day after it)
    "local_time",  # a wall-clock date and time; the zone is in the "zone" column
    "zone",  # an IANA time zone name
    "rule",  # a recurrence rule (RFC 5545 RRULE or a German word such as "monatlich")
    "bool",  # ja/nein, yes/no
    "count",  # a whole number, not negative
    "year",  # the calendar year a school year starts in
    "share",  # a share from 0 to 1, also as a percentage ("12 %")
    "float",  # a decimal number
]
"""How a column's cells are read and written."""

_ITEM_KIND: dict[ColumnType, ColumnType] = {
    "refs": "ref",
    "texts": "name",
    "enums": "enum",
    "agss": "ags",
}
MULTIPLE: frozenset[ColumnType] = frozenset(_ITEM_KIND)
"""The column types whose cells hold several values."""


@dataclass(frozen=True)
class Column:
    """One column of a sheet.

    Parameters
    ----------
    key
        The English header, stable (``school_form``).
    de
        The German header (``Schulform``).
    kind
        How cells are read and written.
    path
        Where the value goes in the record: field names, and a position for a tuple.
    required
        Whether a row needs a value here.
    enum
        The enumeration of an ``enum``/``enums`` column.
    refers_to
        The sheet whose ids a ``ref``/``refs`` column names.
    help_de, help_en
        What to enter, for the template's comments and the documentation.
    example
        The value of the template's first example row, as a person would type it (the
        sheet's ``more_examples`` hold further rows).

    Examples
    --------
    >>> column = SHEETS["cooperations"].column("actor_1")
    >>> column.header("de"), column.kind, column.refers_to, column.multiple
    ('Akteur 1', 'ref', 'actors', False)
    >>> SHEETS["actors"].column("topics").item.kind
    'enum'
    """

    key: str
    de: str
    kind: ColumnType
    path: tuple[str | int, ...]
    required: bool = False
    enum: type[LabelledEnum] | None = None
    refers_to: str | None = None
    help_de: str = ""
    help_en: str = ""
    example: str = ""

    def header(self, lang: Literal["de", "en"]) -> str:
        """Return the header in ``lang``."""
        return self.de if lang == "de" else self.key

    @property
    def multiple(self) -> bool:
        """Whether a cell holds several values."""
        return self.kind in MULTIPLE

    @property
    def item(self) -> Column:
        """The column of one of the values of a cell that holds several (else itself)."""
        kind = _ITEM_KIND.get(self.kind)
        return self if kind is None else replace(self, kind=kind)


@dataclass(frozen=True)
class Sheet:
    """One sheet: a record type, or a relation of two (forum members, identifiers).

    Parameters
    ----------
    key
        The English name (``actors``), also the CSV file name in English.
    de
        The German name (``Akteure``).
    collection
        The network field the rows become (``"actors"``); ``None`` for the sheets whose
        rows belong to records of another sheet.
    columns
        The columns, in order; an ``id`` column comes first.
    help_de, help_en
        What the sheet holds.
    more_examples
        Further example rows of the template, after the one the columns' ``example`` values
        form: English header -> value as a person would type it. The examples of all sheets
        together form a small valid network.

    Examples
    --------
    >>> sheet = SHEETS["members"]
    >>> sheet.name("de"), sheet.collection, [column.key for column in sheet.columns]
    ('Gremienmitglieder', None, ['forum', 'actor'])
    """

    key: str
    de: str
    collection: str | None
    columns: tuple[Column, ...]
    help_de: str = ""
    help_en: str = ""
    more_examples: tuple[Mapping[str, str], ...] = field(default=(), compare=False)
    _by_key: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {column.key: column for column in self.columns})
        unknown = sorted({key for row in self.more_examples for key in row} - self._by_key.keys())
        if unknown:
            msg = f"the examples of sheet {self.key!r} name unknown columns {unknown!r}"
            raise ValueError(msg)

    def name(self, lang: Literal["de", "en"]) -> str:
        """Return the sheet's name in ``lang``."""
        return self.de if lang == "de" else self.key

    def column(self, key: str) -> Column:
        """Return the column with the English header ``key``."""
        return self._by_key[key]

    @property
    def id_column(self) -> Column | None:
        """The column holding the record's own id, if the sheet has one."""
        return next((column for column in self.columns if column.kind == "id"), None)

    def examples(self) -> list[dict[str, str]]:
        """Return the template's example rows: English header -> value as typed.

        Examples
        --------
        >>> [row["id"] for row in SHEETS["actors"].examples()]
        ['gs-beispiel', 'ssa-beispiel', 'kita-beispiel']
        >>> SHEETS["flows"].examples()[0]["transition"]
        'Kita → Grundschule'
        """
        first = {column.key: column.example for column in self.columns if column.example}
        return [row for row in (first, *map(dict, self.more_examples)) if row]


@lru_cache(maxsize=4096)
def normalised(text: str) -> str:
    """Return a header, sheet name or label as compared: case, umlauts and spacing folded.

    ``Gültig ab``, ``gueltig_ab`` and ``GÜLTIG AB`` are the same header.

    Examples
    --------
    >>> normalised("Gültig ab") == normalised("gueltig_ab") == normalised(" GÜLTIG  AB ")
    True
    """
    folded = unicodedata.normalize("NFC", text).casefold()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        folded = folded.replace(umlaut, spelled)
    return re.sub(r"[^0-9a-z]+", "", folded)


def _period(
    prefix: str, what_de: str, what_en: str, *, start: str = "", end: str = ""
) -> tuple[Column, Column]:
    return (
        Column(
            "valid_from",
            "gültig ab",
            "date",
            (prefix, "start"),
            help_de=f"Erster Tag, an dem {what_de} gilt (leer: schon immer).",
            help_en=f"The first day {what_en} holds (empty: always did).",
            example=start,
        ),
        Column(
            "valid_until",
            "gültig bis",
            "last_day",
            (prefix, "end"),
            help_de=f"Letzter Tag, an dem {what_de} gilt (leer: unbefristet).",
            help_en=f"The last day {what_en} holds (empty: open-ended).",
            example=end,
        ),
    )


def _funding(what_de: str, what_en: str, example: str = "") -> Column:
    return Column(
        "funding",
        "Förderung",
        "refs",
        ("funding",),
        refers_to="programmes",
        help_de=f"Kennungen der Förderprogramme, die {what_de} bezahlen, mit ; getrennt.",
        help_en=f"Ids of the programmes that pay for {what_en}, separated by ;.",
        example=example,
    )


def _topics(what_de: str, what_en: str, example: str = "") -> Column:
    return Column(
        "topics",
        "Themen",
        "enums",
        ("topics",),
        enum=Topic,
        help_de=f"Themen {what_de}, mit ; getrennt.",
        help_en=f"Topics of {what_en}, separated by ;.",
        example=example,
    )


def _description() -> Column:
    return Column(
        "description",
        "Beschreibung",
        "text",
        ("description",),
        help_de="Freier Text.",
        help_en="Free text.",
    )


def _schedule(rule: str = "", first: str = "") -> tuple[Column, Column, Column]:
    return (
        Column(
            "schedule",
            "Terminplan",
            "rule",
            ("schedule", "rule"),
            help_de="Wie oft man sich trifft: wöchentlich, alle 2 Wochen, monatlich, "
            "vierteljährlich, halbjährlich, jährlich, oder eine Regel nach RFC 5545 "
            "(FREQ=MONTHLY;BYDAY=2WE).",
            help_en="How often the partners meet: a German word (monatlich) or an RFC 5545 "
            "rule (FREQ=MONTHLY;BYDAY=2WE).",
            example=rule,
        ),
        Column(
            "first_meeting",
            "erster Termin",
            "local_time",
            ("schedule", "start"),
            help_de="Datum und Uhrzeit des ersten Termins (01.09.2025 16:00); nötig mit "
            "einem Terminplan.",
            help_en="Date and time of the first meeting; needed with a schedule.",
            example=first,
        ),
        Column(
            "time_zone",
            "Zeitzone",
            "zone",
            ("schedule", "start"),
            help_de="Zeitzone des Terminplans (leer: Europe/Berlin).",
            help_en="The schedule's time zone (empty: Europe/Berlin).",
        ),
    )


def _last_contact(what_de: str, what_en: str, example: str = "") -> Column:
    return Column(
        "last_contact",
        "letzter Kontakt",
        "date",
        ("last_contact",),
        help_de=f"Tag des letzten bekannten Treffens {what_de}.",
        help_en=f"The day of the last known contact of {what_en}.",
        example=example,
    )


_SHARE_DE = "Anteil von 0 bis 1 oder in Prozent (12 %)."
_SHARE_EN = "A share from 0 to 1, or a percentage (12 %)."

_NETWORK = Sheet(
    "network",
    "Netzwerk",
    None,
    (
        Column(
            "name",
            "Name",
            "name",
            ("name",),
            required=True,
            help_de="Name des Netzwerks, meist der Landkreis.",
            help_en="The network's name, usually the district's.",
            example="Landkreis Beispiel",
        ),
        Column(
            "region",
            "Region",
            "text",
            ("region",),
            help_de="Gebiet, das das Netzwerk umfasst.",
            help_en="The region the network covers.",
            example="Sachsen-Anhalt",
        ),
        Column(
            "reference_date",
            "Stichtag",
            "date",
            ("reference_date",),
            help_de="Der Tag, den die Daten beschreiben.",
            help_en="The day the data describe.",
            example="01.11.2025",
        ),
        _description(),
    ),
    help_de="Eine Zeile: der Name des Netzwerks und sein Stichtag.",
    help_en="One row: the network's name and reference day.",
)

_ACTORS = Sheet(
    "actors",
    "Akteure",
    "actors",
    (
        Column(
            "id",
            "Kennung",
            "id",
            ("id",),
            required=True,
            help_de="Eindeutige Kennung ohne Leerzeichen, zum Beispiel gs-am-markt.",
            help_en="A unique id without spaces, such as gs-am-markt.",
            example="gs-beispiel",
        ),
        Column(
            "name",
            "Name",
            "name",
            ("name",),
            required=True,
            help_de="Name der Einrichtung, des Dienstes oder der Stelle.",
            help_en="The name of the organisation, service or post.",
            example="Grundschule Am Beispielweg",
        ),
        Column(
            "kind",
            "Art",
            "enum",
            ("kind",),
            required=True,
            enum=ActorKind,
            help_de="Art des Akteurs, zum Beispiel Schule, Kita, Schulsozialarbeit.",
            help_en="The kind of actor, such as school, daycare, school social work.",
            example="Schule",
        ),
        Column(
            "school_form",
            "Schulform",
            "enum",
            ("school", "form"),
            enum=SchoolForm,
            help_de="Nur bei Schulen, dort Pflicht: Grundschule, Sekundarschule, Gymnasium, "
            "Förderschule, ...",
            help_en="Schools only, required there: grundschule, gymnasium, ...",
            example="Grundschule",
        ),
        Column(
            "stages",
            "Stufen",
            "enums",
            ("school", "stages"),
            enum=Stage,
            help_de="Nur bei Schulen: unterrichtete Stufen, mit ; getrennt (leer: die "
            "üblichen der Schulform).",
            help_en="Schools only: the stages taught (empty: the usual ones of the form).",
        ),
        Column(
            "pupils",
            "Schülerzahl",
            "count",
            ("school", "pupils"),
            help_de="Nur bei Schulen: Zahl der Schülerinnen und Schüler.",
            help_en="Schools only: the number of pupils.",
            example="180",
        ),
        Column(
            "public",
            "öffentlich",
            "bool",
            ("school", "public"),
            help_de="Nur bei Schulen: ja für öffentliche Schulen, nein für freie Träger "
            "(leer: ja).",
            help_en="Schools only: yes for public schools (empty: yes).",
            example="ja",
        ),
        Column(
            "absence_rate",
            "Fehlquote",
            "share",
            ("school", "absence_rate"),
            help_de=f"Nur bei Schulen: unentschuldigt versäumte Stunden. {_SHARE_DE}",
            help_en=f"Schools only: lessons missed without excuse. {_SHARE_EN}",
            example="4 %",
        ),
        Column(
            "without_qualification_rate",
            "Abgänger ohne Abschluss",
            "share",
            ("school", "without_qualification_rate"),
            help_de=f"Nur bei Schulen: Anteil der Abgänger ohne Abschluss. {_SHARE_DE}",
            help_en=f"Schools only: leavers without a qualification. {_SHARE_EN}",
        ),
        Column(
            "special_needs_rate",
            "Förderbedarf",
            "share",
            ("school", "special_needs_rate"),
            help_de=f"Nur bei Schulen: Anteil mit sonderpädagogischem Förderbedarf. {_SHARE_DE}",
            help_en=f"Schools only: pupils with special educational needs. {_SHARE_EN}",
        ),
        Column(
            "migration_rate",
            "Zuwanderungsgeschichte",
            "share",
            ("school", "migration_rate"),
            help_de=f"Nur bei Schulen: Anteil mit Zuwanderungsgeschichte. {_SHARE_DE}",
            help_en=f"Schools only: pupils with a migration history. {_SHARE_EN}",
        ),
        Column(
            "municipality",
            "Gemeinde",
            "ags",
            ("municipality",),
            help_de="Amtlicher Gemeindeschlüssel (AGS, 8 Ziffern), zum Beispiel 15084275.",
            help_en="The official municipality key (AGS, 8 digits).",
            example="15084275",
        ),
        Column(
            "lat",
            "Breite",
            "float",
            ("location", "lat"),
            help_de="Geografische Breite (WGS 84), zum Beispiel 51,18.",
            help_en="Latitude (WGS 84).",
            example="51,18",
        ),
        Column(
            "lon",
            "Länge",
            "float",
            ("location", "lon"),
            help_de="Geografische Länge (WGS 84), zum Beispiel 11,97.",
            help_en="Longitude (WGS 84).",
            example="11,97",
        ),
        Column(
            "part_of",
            "gehört zu",
            "ref",
            ("part_of",),
            refers_to="actors",
            help_de="Kennung der Einrichtung, zu der der Akteur gehört (eine Stelle zu "
            "ihrem Träger).",
            help_en="The id of the organisation the actor is part of (a post's employer).",
        ),
        *_period("active", "der Akteur", "the actor"),
        _funding("den Akteur", "the actor"),
        _topics("des Akteurs", "the actor"),
        Column(
            "tags",
            "Schlagworte",
            "texts",
            ("tags",),
            help_de="Freie Schlagworte, mit ; getrennt.",
            help_en="Free tags, separated by ;.",
        ),
        _description(),
    ),
    help_de="Alle Einrichtungen, Dienste, Stellen und Gremien-Mitglieder: eine Zeile je Akteur.",
    help_en="Every organisation, service and post: one row per actor.",
    more_examples=(
        {
            "id": "ssa-beispiel",
            "name": "Schulsozialarbeit Grundschule Am Beispielweg",
            "kind": "Schulsozialarbeit",
            "municipality": "15084275",
            "valid_from": "01.08.2024",
            "valid_until": "31.07.2028",
            "funding": "esf-plus",
            "topics": "Schulabsentismus; Elternarbeit",
        },
        {
            "id": "kita-beispiel",
            "name": "Kita Sonnenschein",
            "kind": "Kita",
            "municipality": "15084275",
        },
    ),
)

_IDENTIFIERS = Sheet(
    "identifiers",
    "Kennungen",
    None,
    (
        Column(
            "actor",
            "Akteur",
            "ref",
            ("actor",),
            required=True,
            refers_to="actors",
            help_de="Kennung des Akteurs.",
            help_en="The actor's id.",
            example="gs-beispiel",
        ),
        Column(
            "scheme",
            "Schema",
            "name",
            ("scheme",),
            required=True,
            help_de="Art der Nummer, zum Beispiel Schulnummer.",
            help_en="What the number is, such as a school number.",
            example="Schulnummer",
        ),
        Column(
            "value",
            "Wert",
            "name",
            ("value",),
            required=True,
            help_de="Die Nummer selbst; führende Nullen bleiben erhalten.",
            help_en="The number itself; leading zeros are kept.",
            example="01234",
        ),
    ),
    help_de="Amtliche Nummern der Akteure (Schulnummer, Registernummer): eine Zeile je Nummer.",
    help_en="Official numbers of the actors: one row per number.",
)

_COOPERATIONS = Sheet(
    "cooperations",
    "Kooperationen",
    "cooperations",
    (
        Column(
            "id",
            "Kennung",
            "id",
            ("id",),
            required=True,
            help_de="Eindeutige Kennung der Kooperation.",
            help_en="A unique id of the cooperation.",
            example="koop-beispiel",
        ),
        Column(
            "actor_1",
            "Akteur 1",
            "ref",
            ("actors", 0),
            required=True,
            refers_to="actors",
            help_de="Kennung des einen Partners (bei Verweisen: wer verweist).",
            help_en="The id of one partner (for a referral: who refers).",
            example="gs-beispiel",
        ),
        Column(
            "actor_2",
            "Akteur 2",
            "ref",
            ("actors", 1),
            required=True,
            refers_to="actors",
            help_de="Kennung des anderen Partners.",
            help_en="The id of the other partner.",
            example="ssa-beispiel",
        ),
        Column(
            "kind",
            "Art",
            "enum",
            ("kind",),
            required=True,
            enum=CooperationKind,
            help_de="Worin die Zusammenarbeit besteht, zum Beispiel "
            "Kooperationsvereinbarung, Einsatz an der Schule, Fallarbeit.",
            help_en="What the cooperation consists of: agreement, placement, case work, ...",
            example="Einsatz an der Schule",
        ),
        Column(
            "directed",
            "gerichtet",
            "bool",
            ("directed",),
            help_de="ja, wenn die Verbindung nur in eine Richtung läuft (Verweise).",
            help_en="yes if the tie runs one way only (referrals).",
        ),
        Column(
            "formality",
            "Form",
            "enum",
            ("formality",),
            enum=Formality,
            help_de="Wie verbindlich: informell, mündlich vereinbart, schriftlich vereinbart.",
            help_en="How formal: informal, verbal, written.",
            example="schriftlich vereinbart",
        ),
        Column(
            "intensity",
            "Intensität",
            "enum",
            ("intensity",),
            enum=Intensity,
            help_de="Wie tief: Kenntnis, Kooperation, Koordination, Integration.",
            help_en="How deep: awareness, cooperation, coordination, integration.",
            example="Kooperation",
        ),
        Column(
            "level",
            "Ebene",
            "enum",
            ("level",),
            enum=CooperationLevel,
            help_de="Strategisch, operativ oder Einzelfall.",
            help_en="Strategic, operational or case level.",
            example="operativ",
        ),
        *_period(
            "period", "die Kooperation", "the cooperation", start="01.08.2024", end="31.07.2028"
        ),
        *_schedule(),
        _last_contact("der Partner", "the partners", example="15.10.2025"),
        _topics("der Kooperation", "the cooperation", example="Schulabsentismus; Elternarbeit"),
        _funding("die Kooperation", "the cooperation", example="esf-plus"),
        Column(
            "person_bound",
            "personengebunden",
            "bool",
            ("person_bound",),
            help_de="ja, wenn die Kooperation an einer einzelnen Person hängt.",
            help_en="yes if the cooperation rests on a single person.",
        ),
        Column(
            "confirmed",
            "bestätigt",
            "bool",
            ("confirmed",),
            help_de="nein, wenn nur eine Seite die Kooperation gemeldet hat (leer: ja).",
            help_en="no if only one side reported the cooperation (empty: yes).",
        ),
        _description(),
    ),
    help_de="Verbindungen zwischen zwei Akteuren: eine Zeile je Kooperation.",
    help_en="Ties between two actors: one row per cooperation.",
    more_examples=(
        {
            "id": "koop-uebergang",
            "actor_1": "kita-beispiel",
            "actor_2": "gs-beispiel",
            "kind": "Übergangskooperation",
            "formality": "mündlich vereinbart",
            "intensity": "Koordination",
            "level": "operativ",
            "topics": "Übergänge",
        },
    ),
)

_FORUMS = Sheet(
    "forums",
    "Gremien",
    "forums",
    (
        Column(
            "id",
            "Kennung",
            "id",
            ("id",),
            required=True,
            help_de="Eindeutige Kennung des Gremiums.",
            help_en="A unique id of the forum.",
            example="ak-beispiel",
        ),
        Column(
            "name",
            "Name",
            "name",
            ("name",),
            required=True,
            help_de="Name des Gremiums.",
            help_en="The forum's name.",
            example="Arbeitskreis Schulabsentismus",
        ),
        Column(
            "kind",
            "Art",
            "enum",
            ("kind",),
            required=True,
            enum=ForumKind,
            help_de="Arbeitskreis, Netzwerktreffen, Steuerungsgruppe, Konferenz, "
            "Fallkonferenz, ...",
            help_en="Working group, network meeting, steering group, conference, ...",
            example="Arbeitskreis",
        ),
        Column(
            "convenor",
            "Einladende Stelle",
            "ref",
            ("convenor",),
            refers_to="actors",
            help_de="Kennung des Akteurs, der einlädt.",
            help_en="The id of the actor who convenes it.",
            example="ssa-beispiel",
        ),
        _topics("des Gremiums", "the forum", example="Schulabsentismus"),
        *_schedule(rule="vierteljährlich", first="10.09.2025 15:00"),
        *_period("period", "das Gremium", "the forum", start="01.02.2025"),
        _funding("das Gremium", "the forum"),
        _last_contact("des Gremiums", "the forum"),
        _description(),
    ),
    help_de="Gremien mit mehreren Beteiligten: eine Zeile je Gremium; die Mitglieder stehen "
    "im Blatt Gremienmitglieder.",
    help_en="Multi-party bodies: one row per forum; members go to the members sheet.",
)

_MEMBERS = Sheet(
    "members",
    "Gremienmitglieder",
    None,
    (
        Column(
            "forum",
            "Gremium",
            "ref",
            ("forum",),
            required=True,
            refers_to="forums",
            help_de="Kennung des Gremiums.",
            help_en="The forum's id.",
            example="ak-beispiel",
        ),
        Column(
            "actor",
            "Akteur",
            "ref",
            ("actor",),
            required=True,
            refers_to="actors",
            help_de="Kennung des Mitglieds.",
            help_en="The member's id.",
            example="gs-beispiel",
        ),
    ),
    help_de="Wer in welchem Gremium mitarbeitet: eine Zeile je Mitglied und Gremium.",
    help_en="Who takes part in which forum: one row per member and forum.",
    more_examples=({"forum": "ak-beispiel", "actor": "ssa-beispiel"},),
)

_FLOWS = Sheet(
    "flows",
    "Übergänge",
    "flows",
    (
        Column(
            "source",
            "von",
            "ref",
            ("source",),
            required=True,
            refers_to="actors",
            help_de="Kennung der abgebenden Einrichtung (Kita, Schule).",
            help_en="The id of the sending institution.",
            example="kita-beispiel",
        ),
        Column(
            "target",
            "nach",
            "ref",
            ("target",),
            required=True,
            refers_to="actors",
            help_de="Kennung der aufnehmenden Einrichtung.",
            help_en="The id of the receiving institution.",
            example="gs-beispiel",
        ),
        Column(
            "year",
            "Schuljahr",
            "year",
            ("year",),
            required=True,
            help_de="Das Jahr, in dem das Schuljahr beginnt: 2024 für 2024/25.",
            help_en="The year the school year starts: 2024 for 2024/25.",
            example="2024",
        ),
        Column(
            "pupils",
            "Anzahl",
            "count",
            ("pupils",),
            required=True,
            help_de="Wie viele Kinder wechselten (eine Summe, keine Namen).",
            help_en="How many pupils moved (a count, never names).",
            example="24",
        ),
        Column(
            "transition",
            "Übergang",
            "enum",
            ("transition",),
            required=True,
            enum=TransitionKind,
            help_de="Art des Übergangs, zum Beispiel Kita → Grundschule.",
            help_en="The kind of transition, such as kita_to_primary.",
            example="Kita → Grundschule",
        ),
    ),
    help_de="Wie viele Kinder in einem Schuljahr von einer Einrichtung zur anderen wechselten.",
    help_en="How many pupils moved from one institution to another in a school year.",
)

_INTERVENTIONS = Sheet(
    "interventions",
    "Maßnahmen",
    "interventions",
    (
        Column(
            "id",
            "Kennung",
            "id",
            ("id",),
            required=True,
            help_de="Eindeutige Kennung der Maßnahme.",
            help_en="A unique id of the intervention.",
            example="massnahme-beispiel",
        ),
        Column(
            "name",
            "Name",
            "name",
            ("name",),
            required=True,
            help_de="Name der Maßnahme.",
            help_en="The intervention's name.",
            example="Clearingstelle Schulabsentismus",
        ),
        Column(
            "tier",
            "Präventionsstufe",
            "enum",
            ("tier",),
            required=True,
            enum=PreventionTier,
            help_de="universell (alle), selektiv (Risikogruppen) oder indiziert (Einzelfälle).",
            help_en="universal, selective or indicated.",
            example="indiziert",
        ),
        _topics("der Maßnahme", "the intervention", example="Schulabsentismus"),
        Column(
            "target_groups",
            "Zielgruppen",
            "texts",
            ("target_groups",),
            help_de="Für wen, mit ; getrennt.",
            help_en="For whom, separated by ;.",
            example="Kinder mit vielen Fehltagen; Eltern",
        ),
        Column(
            "stages",
            "Stufen",
            "enums",
            ("stages",),
            enum=Stage,
            help_de="Für welche Stufen, mit ; getrennt (leer: alle).",
            help_en="For which stages, separated by ; (empty: all).",
            example="Primarstufe",
        ),
        Column(
            "providers",
            "Träger",
            "refs",
            ("providers",),
            refers_to="actors",
            help_de="Kennungen der Akteure, die die Maßnahme anbieten, mit ; getrennt.",
            help_en="Ids of the actors that run it, separated by ;.",
            example="ssa-beispiel",
        ),
        Column(
            "sites",
            "Orte",
            "refs",
            ("sites",),
            refers_to="actors",
            help_de="Kennungen der Akteure (Schulen), an denen sie stattfindet, mit ; getrennt.",
            help_en="Ids of the actors (schools) where it takes place, separated by ;.",
            example="gs-beispiel",
        ),
        Column(
            "municipalities",
            "Gemeinden",
            "agss",
            ("municipalities",),
            help_de="AGS der Gemeinden, die sie versorgt, mit ; getrennt.",
            help_en="AGS of the municipalities it serves, separated by ;.",
        ),
        *_period("period", "die Maßnahme", "the intervention", start="01.08.2024"),
        _funding("die Maßnahme", "the intervention"),
        Column(
            "capacity",
            "Plätze",
            "count",
            ("capacity",),
            help_de="Wie viele Plätze es gibt.",
            help_en="How many places there are.",
            example="12",
        ),
        Column(
            "participants",
            "Teilnehmende",
            "count",
            ("participants",),
            help_de="Wie viele teilnehmen (eine Summe).",
            help_en="How many take part (a count).",
            example="9",
        ),
        _description(),
    ),
    help_de="Maßnahmen gegen Schulversagen und Schulabsentismus: eine Zeile je Maßnahme.",
    help_en="Measures against school failure and absenteeism: one row per intervention.",
)

_PROGRAMMES = Sheet(
    "programmes",
    "Förderprogramme",
    "programmes",
    (
        Column(
            "id",
            "Kennung",
            "id",
            ("id",),
            required=True,
            help_de="Eindeutige Kennung des Programms, zum Beispiel esf-plus.",
            help_en="A unique id of the programme.",
            example="esf-plus",
        ),
        Column(
            "name",
            "Name",
            "name",
            ("name",),
            required=True,
            help_de="Name des Förderprogramms.",
            help_en="The programme's name.",
            example="Schulerfolg sichern (ESF+)",
        ),
        Column(
            "source",
            "Geldgeber",
            "enum",
            ("source",),
            required=True,
            enum=FundingSource,
            help_de="Woher das Geld kommt: Europäischer Sozialfonds Plus (ESF+), Bund, Land, "
            "Landkreis, Kommune, Stiftung, Sonstige.",
            help_en="Where the money comes from.",
            example="Europäischer Sozialfonds Plus (ESF+)",
        ),
        *_period("period", "das Programm", "the programme", start="01.08.2022", end="31.07.2028"),
        _description(),
    ),
    help_de="Förderprogramme, aus denen Stellen, Kooperationen und Maßnahmen bezahlt werden.",
    help_en="The funding programmes that pay for posts, ties and interventions.",
)

SHEETS: dict[str, Sheet] = {
    sheet.key: sheet
    for sheet in (
        _NETWORK,
        _ACTORS,
        _IDENTIFIERS,
        _COOPERATIONS,
        _FORUMS,
        _MEMBERS,
        _FLOWS,
        _INTERVENTIONS,
        _PROGRAMMES,
    )
}
"""Every sheet, by English name, in the order a workbook shows them."""


_KIND_WORDS: dict[ColumnType, str] = {
    "id": "id (text, unique in the sheet)",
    "ref": "id of a row on another sheet",
    "refs": "ids of rows on another sheet, separated by ;",
    "name": "text",
    "text": "text",
    "texts": "texts, separated by ;",
    "enum": "one of the values below",
    "enums": "values below, separated by ;",
    "ags": "AGS, 8 digits",
    "agss": "AGS codes, separated by ;",
    "date": "day (31.07.2028, 2028-07-31 or a date cell)",
    "last_day": "last day (31.07.2028, 2028-07-31 or a date cell)",
    "local_time": "date and time (01.09.2025 16:00 or a date cell)",
    "zone": "IANA time zone (Europe/Berlin)",
    "rule": "RFC 5545 rule or a German word (monatlich)",
    "bool": "ja/nein, yes/no",
    "count": "whole number, not negative",
    "year": "year the school year starts (2024 or 2024/25)",
    "share": "share 0 to 1 or percentage (0.12, 0,12, 12 %)",
    "float": "decimal number (51.18 or 51,18)",
}


def reference() -> str:
    """Return the reference of every sheet and column as Markdown, generated from the layout.

    ``docs/tables.md`` holds it; a test compares the two, so the page cannot drift from
    the layout, nor the layout from the model.

    Examples
    --------
    >>> print(reference().splitlines()[0])
    ### `network` (Netzwerk)
    """
    lines: list[str] = []
    enums: dict[str, type[LabelledEnum]] = {}
    for sheet in SHEETS.values():
        lines += [f"### `{sheet.key}` ({sheet.de})", "", sheet.help_en, ""]
        lines += [
            "| Column | German header | Required | Cells | Meaning |",
            "|---|---|---|---|---|",
        ]
        for column in sheet.columns:
            cells = _KIND_WORDS[column.kind]
            if column.enum is not None:
                enums[column.enum.__name__] = column.enum
                cells += f" (`{column.enum.__name__}`)"
            if column.refers_to is not None:
                cells += f" (`{column.refers_to}`)"
            required = "yes" if column.required else ""
            lines.append(
                f"| `{column.key}` | {column.de} | {required} | {cells} | {column.help_en} |"
            )
        lines.append("")
    lines += ["### Values of the enumerations", ""]
    for name, enum in sorted(enums.items()):
        values = ", ".join(f"`{member.value}` ({member.label('de')})" for member in enum)
        lines += [f"- `{name}`: {values}", ""]
    return "\n".join(lines).rstrip() + "\n"
