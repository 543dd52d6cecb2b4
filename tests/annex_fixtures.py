"""RenderedAnnex objects for the writers' tests, the benchmark and the docs images.

`annex("sv")` / `annex("en")` is a realistic small annex: five clauses in two areas with all
three response kinds, an award criterion, contract conditions, definitions and price lines.
`synthetic_annex(n)` is a large one for timing. Buyer-only texts (motive, guidance, reasons)
are kept in MOTIVES / GUIDANCE so tests can check they never reach the supplier's annex.
"""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

from kravgen.annex.render import number_areas
from kravgen.model import (
    ClauseType,
    CoverageRow,
    KeptDefault,
    RejectedClause,
    RenderedAnnex,
    RenderedArea,
    RenderedClause,
    RenderedReference,
    RenderedTerm,
)
from kravgen.wording import LABELS

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def rewrite_styles(source: Path, target: Path, edit: object) -> None:
    """Copy a .docx, passing word/styles.xml through `edit` (bytes -> bytes)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "word/styles.xml":
                blob = edit(blob)  # type: ignore[operator]
            dst.writestr(info, blob)


TYPE_LABELS = {
    "sv": {
        ClauseType.SKA: "Ska-krav",
        ClauseType.AWARD: "Tilldelningskriterium",
        ClauseType.CONTRACT: "Kontraktsvillkor",
        ClauseType.QUALIFICATION: "Kvalificeringskrav",
    },
    "en": {
        ClauseType.SKA: "Mandatory requirement",
        ClauseType.AWARD: "Award criterion",
        ClauseType.CONTRACT: "Contract condition",
        ClauseType.QUALIFICATION: "Qualification requirement",
    },
}

DIGG_URL = "https://www.digg.se/kunskap-och-stod/rekommendationer-for-upphandling-av-data"
REFS = {
    "digg-1A": ("recommendation", "Digg 1A: Klassa informationen", "Digg 1A: Classify the data"),
    "digg-2A": ("recommendation", "Digg 2A: Öppna format", "Digg 2A: Open formats"),
    "digg-2B": ("recommendation", "Digg 2B: Tillgång via API", "Digg 2B: Access through APIs"),
    "gdpr": ("law", "Dataskyddsförordningen (EU) 2016/679", "General Data Protection Regulation"),
    "osl": ("law", "Offentlighets- och sekretesslag (2009:400)", "Public Access Act (2009:400)"),
    "sfs-2022-818": ("law", "Lag (2022:818) om den offentliga sektorns tillgängliggörande "
                     "av data", "Act (2022:818) on making public sector data available"),
}  # fmt: skip
URLS = {
    "digg-1A": DIGG_URL,
    "digg-2A": DIGG_URL,
    "gdpr": "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
    "sfs-2022-818": "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/"
    "svensk-forfattningssamling/lag-2022818_sfs-2022-818/",
}


def ref(ref_id: str, lang: str) -> RenderedReference:
    kind, sv, en = REFS[ref_id]
    return RenderedReference(ref_id, kind, sv if lang == "sv" else en, URLS.get(ref_id))


# Per clause: (id, type, area, title, text, evaluation, verification, confirm, describe, price,
#              sources, legal_refs, motive, guidance, reasons), in sv and en.
SV_CLAUSES = [
    ("KG-1A-01", ClauseType.SKA, "1", "Klassning av informationen",
     "Leverantören ska behandla informationen i den offererade lösningen enligt "
     "Exempelby kommuns informationsklassning, nivå **2 (måttlig)** för konfidentialitet.",
     None, "Leverantören bekräftar kravet i anbudet. Kommunen följer upp det vid "
     "driftsättningen.", True, None, None, ("digg-1A",), ("gdpr", "osl"),
     "Utan klassning går det inte att ställa proportionerliga säkerhetskrav.",
     "Kontrollera att klassningen är beslutad innan annonsering.",
     ("Personuppgifter: vanliga", "Upphandlingen gäller: e-tjänst")),
    ("KG-1B-01", ClauseType.CONTRACT, "1", "Personuppgiftsbiträdesavtal",
     "Leverantören ska senast vid avtalets start teckna det personuppgiftsbiträdesavtal som "
     "bifogas upphandlingsdokumenten.", None,
     "Avtalet undertecknas före driftstart.", True, None, None, (), ("gdpr",),
     "Artikel 28 i dataskyddsförordningen kräver ett biträdesavtal.",
     "Bifoga kommunens mall för biträdesavtal.", ()),
    ("KG-2A-01", ClauseType.SKA, "2", "Export av data i öppet format",
     "Den offererade lösningen ska kunna exportera all data som kommunen lagt in, i ett "
     "maskinläsbart och öppet format, inom 30 kalenderdagar efter begäran. Minst dessa "
     "format ska stödjas:\n- CSV (RFC 4180) eller likvärdigt\n- JSON eller likvärdigt",
     None, "Leverantören visar en exempelexport vid demonstrationen.", True,
     "Beskrivningen ska innehålla:\n1. vilka data som ingår i exporten\n2. hur exporten "
     "beställs och levereras\n3. hur metadata och relationer följer med", None,
     ("digg-2A",), ("sfs-2022-818",),
     "Export i öppet format minskar inlåsningen hos en leverantör.",
     "Justera antalet dagar efter verksamhetens behov.", ("Datamängd: ärendedata",)),
    ("KG-2B-01", ClauseType.AWARD, "2", "Öppet API för data",
     "Mervärde ges om den offererade lösningen har ett dokumenterat API som ger kommunen "
     "läsåtkomst till all data i lösningen.",
     "Mervärdet är ett avdrag på 100 000 kronor från anbudspriset om API:et beskrivs "
     "fullständigt och är öppet dokumenterat (t.ex. OpenAPI 3 eller likvärdigt).",
     "Leverantören bifogar API-dokumentationen.", False,
     "Beskriv API:ets omfattning, autentisering, dokumentation och versionshantering.", None,
     ("digg-2B",), (), "Ett API gör det möjligt att återanvända data.",
     "Sätt mervärdet i proportion till kontraktets värde.", ("Integrationer: ja",)),
    ("KG-2C-01", ClauseType.CONTRACT, "2", "Överlämning av data vid avtalets slut",
     "Leverantören ska vid avtalets slut lämna över all data till kommunen eller den kommunen "
     "anvisar, i det format som anges i KG-2A-01, och därefter radera den.",
     None, "Leverantören lämnar ett raderingsintyg efter överlämningen.", True, None,
     "Överlämning av data vid avtalets slut (fast pris)", ("digg-2A",), ("gdpr",),
     "Utan villkor om överlämning riskerar kommunen att förlora sina data.",
     "Planera överlämningen i god tid före avtalets slut.", ()),
]  # fmt: skip

EN_CLAUSES = [
    ("KG-1A-01", "Classification of the data",
     "The supplier shall handle the data in the offered solution according to Exempelby "
     "municipality's classification, level **2 (moderate)** for confidentiality.", None,
     "The supplier confirms the requirement in the tender. The municipality follows it up at "
     "go-live.", None, None,
     "Without a classification no proportionate security requirements can be set.",
     "Check that the classification has been decided before the notice is published.",
     ("Personal data: ordinary", "The procurement is for: e-service")),
    ("KG-1B-01", "Data processing agreement",
     "The supplier shall sign the data processing agreement attached to the procurement "
     "documents no later than the start of the contract.", None,
     "The agreement is signed before go-live.", None, None,
     "Article 28 of the GDPR requires a data processing agreement.",
     "Attach the municipality's template agreement.", ()),
    ("KG-2A-01", "Export of data in an open format",
     "The offered solution shall export all data the municipality has entered, in a "
     "machine-readable and open format, within 30 calendar days of a request. At least these "
     "formats shall be supported:\n- CSV (RFC 4180) or equivalent\n- JSON or equivalent", None,
     "The supplier shows a sample export at the demonstration.",
     "The description shall contain:\n1. which data the export holds\n2. how an export is "
     "ordered and delivered\n3. how metadata and relations are included", None,
     "Export in an open format reduces lock-in to one supplier.",
     "Adjust the number of days to the organisation's needs.", ("Data: case data",)),
    ("KG-2B-01", "Open API for the data",
     "Credit is given if the offered solution has a documented API that gives the "
     "municipality read access to all data in the solution.",
     "The credit is a deduction of SEK 100,000 from the tender price if the API is fully "
     "described and openly documented (e.g. OpenAPI 3 or equivalent).",
     "The supplier attaches the API documentation.",
     "Describe the API's scope, authentication, documentation and versioning.", None,
     "An API makes it possible to reuse the data.",
     "Keep the credit proportionate to the contract's value.", ("Integrations: yes",)),
    ("KG-2C-01", "Handover of data at the end of the contract",
     "At the end of the contract the supplier shall hand over all data to the municipality, "
     "or to whomever it names, in the format set out in KG-2A-01, and then delete it.", None,
     "The supplier provides a certificate of deletion after the handover.", None,
     "Handover of data at the end of the contract (fixed price)",
     "Without a handover condition the municipality risks losing its data.",
     "Plan the handover well before the contract ends.", ()),
]  # fmt: skip

AREAS = {
    "sv": {
        "1": ("Informationssäkerhet och dataskydd",
              "Kraven i det här området skyddar informationen och personuppgifterna."),
        "2": ("Öppna format och tillgång till data",
              "Kraven i det här området gör att kommunen förfogar över sina data."),
    },
    "en": {
        "1": ("Information security and data protection",
              "The requirements in this area protect the data and the personal data."),
        "2": ("Open formats and access to data",
              "The requirements in this area keep the municipality in control of its data."),
    },
}  # fmt: skip

MOTIVES = [c[12] for c in SV_CLAUSES] + [c[7] for c in EN_CLAUSES]
GUIDANCE = [c[13] for c in SV_CLAUSES] + [c[8] for c in EN_CLAUSES]


def clauses(lang: str) -> list[RenderedClause]:
    out = []
    for sv, en in zip(SV_CLAUSES, EN_CLAUSES, strict=True):
        cid, ctype, area, title, text, evaluation, verification, confirm = sv[:8]
        describe, price, sources, legal, motive, guidance, reasons = sv[8:]
        if lang == "en":
            title, text, evaluation, verification, describe, price = en[1:7]
            motive, guidance, reasons = en[7:10]
        out.append(
            RenderedClause(
                id=cid, version=1, type=ctype, type_label=TYPE_LABELS[lang][ctype], area=area,
                title=title, text=text, evaluation=evaluation, verification=verification,
                confirm=confirm, describe=describe, price=price,
                sources=tuple(ref(r, lang) for r in sources),
                legal_refs=tuple(ref(r, lang) for r in legal),
                motive=motive, guidance=guidance, reasons=reasons,
            )
        )  # fmt: skip
    return out


def provenance(lang: str, clause_ids: list[str]) -> dict[str, str]:
    return {
        "kravgen_version": "0.1.0",
        "library_name": "kravgen-standard",
        "library_version": "1.0.0",
        "library_digest": "sha256:" + "ab" * 32,
        "library_layers": "kravgen-standard@1.0.0",
        "answers_digest": "sha256:" + "cd" * 32,
        "language": lang,
        "clauses": ", ".join(f"{c}@1" for c in clause_ids),
    }


def _front(lang: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[RenderedTerm, ...]]:
    if lang == "sv":
        return (
            ("Den här bilagan hör till upphandlingen Ny e-tjänst för bygglov som Exempelby "
             "kommun genomför. Bilagan samlar kraven på data.",
             "Kraven är grupperade i områden. Hänvisa alltid till kravets id i anbudet."),
            ("Ska-krav är obligatoriska. Svara Ja eller Nej på varje ska-krav.",
             "Där ett krav har en prisrad anges priset i prisbilagan."),
            (RenderedTerm("API", "Ett gränssnitt som låter ett program läsa eller ändra data "
                          "i ett annat program."),
             RenderedTerm("Maskinläsbart format", "Ett filformat som ett program kan läsa "
                           "utan att en människa tolkar innehållet."),
             RenderedTerm("Öppet format", "Ett format vars specifikation är fritt tillgänglig "
                           "och som kan användas utan avgift.")),
        )  # fmt: skip
    return (
        ("This annex belongs to the procurement New e-service for building permits carried "
         "out by Exempelby municipality. It gathers the requirements on data.",
         "The requirements are grouped in areas. Always refer to the requirement's id."),
        ("Mandatory requirements must be met. Answer Yes or No to each of them.",
         "Where a requirement has a price line, give the price in the price annex."),
        (RenderedTerm("API", "An interface that lets one program read or change data in "
                      "another program."),
         RenderedTerm("Machine-readable format", "A file format a program can read without "
                      "a person interpreting the content."),
         RenderedTerm("Open format", "A format whose specification is freely available and "
                      "may be used without a fee.")),
    )  # fmt: skip


def _buyer_lists(
    lang: str,
) -> tuple[tuple[RejectedClause, ...], tuple[KeptDefault, ...], tuple[CoverageRow, ...]]:
    sv = lang == "sv"
    rejected = (
        RejectedClause(
            "KG-3A-01",
            "Publicering som öppna data" if sv else "Publication as open data",
            TYPE_LABELS[lang][ClauseType.SKA],
            ("Öppna data: nej" if sv else "Open data: no",),
        ),
    )
    kept = (
        KeptDefault(
            "export_days",
            "Inom hur många dagar ska data kunna exporteras?" if sv else "Export within days?",
            "30",
        ),
    )
    coverage = (
        CoverageRow("digg-1A", REFS["digg-1A"][1 if sv else 2], ("KG-1A-01",), "covered"),
        CoverageRow("digg-2A", REFS["digg-2A"][1 if sv else 2], ("KG-2A-01", "KG-2C-01"),
                    "covered"),
        CoverageRow("digg-4B", "Digg 4B: Metadata", (), "gap"),
        CoverageRow("digg-5A", "Digg 5A: Förstudier" if sv else "Digg 5A: Studies", (),
                    "not-applicable"),
    )  # fmt: skip
    return rejected, kept, coverage


def annex(lang: str = "sv") -> RenderedAnnex:
    """The small realistic annex, in Swedish or English."""
    rendered = clauses(lang)
    areas = number_areas(
        RenderedArea(area_id, title, intro, tuple(c for c in rendered if c.area == area_id))
        for area_id, (title, intro) in AREAS[lang].items()
    )
    introduction, instructions, definitions = _front(lang)
    rejected, kept, coverage = _buyer_lists(lang)
    return RenderedAnnex(
        lang=lang,
        title=LABELS[lang]["annex_title"],
        procurement_title="Ny e-tjänst för bygglov"
        if lang == "sv"
        else "New e-service for building permits",
        reference_number="KS 2026/0142",
        buyer_name="Exempelby kommun",
        contact_person="Anna Andersson",
        date="2026-03-02",
        library_name="kravgen-standard",
        library_version="1.0.0",
        introduction=introduction,
        instructions=instructions,
        definitions=definitions,
        areas=areas,
        labels=LABELS[lang],
        provenance=provenance(lang, [c.id for c in rendered]),
        rejected=rejected,
        kept_defaults=kept,
        coverage=coverage,
    )


def synthetic_annex(n_clauses: int, lang: str = "sv", per_area: int = 25) -> RenderedAnnex:
    """A large annex made of the small one's clauses, renumbered, for timing."""
    base = annex(lang)
    templates = clauses(lang)
    made = []
    for i in range(n_clauses):
        t = templates[i % len(templates)]
        area = str(i // per_area + 1)
        made.append(
            RenderedClause(
                id=f"KG-{area}X-{i % per_area + 1:02d}", version=1, type=t.type,
                type_label=t.type_label, area=area, title=f"{t.title} {i + 1}", text=t.text,
                evaluation=t.evaluation, verification=t.verification, confirm=t.confirm,
                describe=t.describe, price=f"{t.price} {i + 1}" if t.price else None,
                sources=t.sources, legal_refs=t.legal_refs, motive=t.motive,
                guidance=t.guidance, reasons=t.reasons,
            )
        )  # fmt: skip
    areas = number_areas(
        RenderedArea(
            str(a + 1),
            f"Kravområde {a + 1}" if lang == "sv" else f"Requirement area {a + 1}",
            base.areas[0].intro,
            tuple(c for c in made if c.area == str(a + 1)),
        )
        for a in range((n_clauses + per_area - 1) // per_area)
    )
    return replace(base, areas=areas, provenance=provenance(lang, [c.id for c in made]))
