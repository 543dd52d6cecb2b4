"""The parts of a .docx package around the body: document properties, relationships, the
deterministic zip and the well-formedness check of every part before anything is written;
and the template's parts kravgen reads or edits in place (styles, settings)."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from xml.parsers import expat

from kravgen.annex.wordml import (
    BODY_MARKER,
    CT_CUSTOM,
    FMTID,
    PKG_REL_NS,
    REQUIRED_STYLES,
    RT_APP,
    RT_CORE,
    RT_CUSTOM,
    RT_DOCUMENT,
    RT_STYLES,
    W_NS,
    ZIP_DATE,
    W,
)
from kravgen.annex.xmltext import attr, esc
from kravgen.errors import OutputError
from kravgen.values import parse_iso_date

# Children of w:settings that come after w:updateFields (ECMA-376 CT_Settings order).
_AFTER_UPDATE_FIELDS = frozenset((
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator",
))  # fmt: skip

# --- package parts --------------------------------------------------------------------------------


def custom_properties_xml(props: Mapping[str, str]) -> bytes:
    """docProps/custom.xml: the provenance as text properties (python-docx has no API)."""
    items = "".join(
        f'<property fmtid="{FMTID}" pid={attr(pid)} name={attr(name)}>'
        f"<vt:lpwstr>{esc(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(props.items(), start=2)
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{items}</Properties>"
    ).encode()


@dataclass(frozen=True, slots=True)
class CoreFacts:
    title: str
    subject: str
    author: str
    keywords: str
    language: str
    timestamp: str  # W3CDTF, e.g. 2026-03-01T00:00:00Z


def core_properties_xml(facts: CoreFacts) -> bytes:
    """docProps/core.xml written whole, so nothing of the template's (or python-docx's) stays."""
    stamp = f'xsi:type="dcterms:W3CDTF">{esc(facts.timestamp)}'
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(facts.title)}</dc:title><dc:subject>{esc(facts.subject)}</dc:subject>"
        f"<dc:creator>{esc(facts.author)}</dc:creator>"
        f"<cp:keywords>{esc(facts.keywords)}</cp:keywords>"
        f"<cp:lastModifiedBy>{esc(facts.author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f"<dc:language>{esc(facts.language)}</dc:language>"
        f"<dcterms:created {stamp}</dcterms:created><dcterms:modified {stamp}</dcterms:modified>"
        "</cp:coreProperties>"
    ).encode()


def app_properties_xml(company: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
        'properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>kravgen</Application><DocSecurity>0</DocSecurity>"
        f"<ScaleCrop>false</ScaleCrop><Company>{esc(company)}</Company>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


def _rel_targets(rels_xml: bytes) -> dict[str, str]:

    root = ElementTree.fromstring(rels_xml)
    return {
        rel.get("Type", ""): rel.get("Target", "")
        for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship")
        if rel.get("TargetMode") != "External"
    }


def _resolve(folder: str, target: str) -> str:
    """A relationship target as a zip member name."""
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(folder, target))


def _add_custom_part(members: dict[str, bytes]) -> str:
    """Relate a new docProps/custom.xml to the package and give it its content type."""
    rels = members["_rels/.rels"].decode()
    used = {int(n) for n in re.findall(r'Id="rId(\d+)"', rels)}
    rel_id = f"rId{max(used, default=0) + 1}"
    rel = f'<Relationship Id={attr(rel_id)} Type="{RT_CUSTOM}" Target="docProps/custom.xml"/>'
    members["_rels/.rels"] = rels.replace("</Relationships>", rel + "</Relationships>").encode()
    types = members["[Content_Types].xml"].decode()
    override = f'<Override PartName="/docProps/custom.xml" ContentType="{CT_CUSTOM}"/>'
    members["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    return "docProps/custom.xml"


def finish_package(
    data: bytes, core: bytes, app: bytes, custom: bytes | None, body: str | None = None
) -> bytes:
    """Put in the property parts and the body, then rewrite the zip so equal input gives equal
    bytes: fixed member dates (python-docx stamps "now"), stable order, fixed permissions.

    `body` replaces the BODY_MARKER paragraph of the main document: splicing text is ten times
    faster than parsing the body and moving 100,000 elements into the template's tree.
    Raises ValueError when the marker is not there exactly once.
    """
    with zipfile.ZipFile(BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    targets = {k: _resolve("", v) for k, v in _rel_targets(members["_rels/.rels"]).items()}
    if body is not None:
        main = targets[RT_DOCUMENT]
        parts = members[main].split(BODY_MARKER.encode())
        if len(parts) != 2:
            raise ValueError("the body marker is not in the main document exactly once")
        members[main] = parts[0] + body.encode() + parts[1]
    members[targets.get(RT_CORE, "docProps/core.xml")] = core
    if RT_APP in targets:
        members[targets[RT_APP]] = app
    if custom is not None:
        members[targets.get(RT_CUSTOM) or _add_custom_part(members)] = custom
    check_parts(members)
    return deterministic_zip(members)


def check_parts(members: Mapping[str, bytes]) -> None:
    """Parse every XML part of a finished package once, so a malformed one is refused before
    anything is written (Word would refuse the whole document).

    Raises:
        OutputError: naming the part that does not parse.
    """
    for name, data in members.items():
        if not name.endswith((".xml", ".rels")):
            continue
        # expat with namespace processing checks well-formedness and prefixes without building
        # a tree: a quarter of ElementTree's cost on a 1,000-clause document.
        try:
            expat.ParserCreate(namespace_separator=" ").Parse(data, True)
        except expat.ExpatError as exc:
            raise OutputError(
                f"the document built has a malformed part {name} ({exc}); nothing was written",
                hint="this is a bug in kravgen or a damaged template; please report it",
            ) from exc


def deterministic_zip(members: Mapping[str, bytes]) -> bytes:
    """A zip of `members` in their order, [Content_Types].xml first, with fixed metadata."""
    names = sorted(members, key=lambda n: n != "[Content_Types].xml")
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, members[name], compresslevel=6)
    return out.getvalue()


# --- template parts, edited in place (any ElementTree-like element) ---------------------------


def set_language(styles: Any, settings: Any, tag: str) -> None:
    """The document language (spelling, hyphenation): style defaults and theme font language."""
    for lang in styles.iterfind(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang"):
        lang.set(f"{W}val", tag)
    for lang in settings.iterfind(f"{W}themeFontLang"):
        lang.set(f"{W}val", tag)


def update_fields_on_open(settings: Any) -> None:
    """w:updateFields makes Word offer to fill the table of contents when the file opens."""
    for old in settings.findall(f"{W}updateFields"):
        settings.remove(old)
    element = settings.makeelement(f"{W}updateFields", {f"{W}val": "true"})
    for index, child in enumerate(settings):
        tag = str(child.tag)
        if not tag.startswith(W) or tag[len(W) :] in _AFTER_UPDATE_FIELDS:
            settings.insert(index, element)
            return
    settings.append(element)


def midnight_utc(iso_date: str) -> str:
    """Midnight UTC of the annex date as W3CDTF: the only time the document carries."""
    day = parse_iso_date(iso_date)
    return (day.isoformat() if day is not None else "1980-01-01") + "T00:00:00Z"


# --- reading packages -----------------------------------------------------------------------------


def style_table(styles_xml: bytes) -> dict[str, tuple[str, str]]:
    """Lower-cased style name -> (type, style id). Word stores built-in names lower-case
    ("heading 1") and localises only the id ("Rubrik1"), so names are the key."""

    table: dict[str, tuple[str, str]] = {}
    for style in ElementTree.fromstring(styles_xml).iter(f"{{{W_NS}}}style"):
        name = style.find(f"{{{W_NS}}}name")
        style_id = style.get(f"{{{W_NS}}}styleId")
        if name is not None and style_id:
            key = name.get(f"{{{W_NS}}}val", "").lower()
            table.setdefault(key, (style.get(f"{{{W_NS}}}type", "paragraph"), style_id))
    return table


def missing_styles(table: Mapping[str, tuple[str, str]]) -> list[str]:
    """The required styles the table lacks, or has with another type, as readable names."""
    missing = []
    for name, kind in REQUIRED_STYLES:
        found = table.get(name.lower())
        if found is None or found[0] != kind:
            missing.append(f"the {kind} style '{name}'")
    return missing


# What kravgen reads from a template's reference.docx (issue 15, point 11). A real one is under
# 1 MB; a zip member can unpack to a thousand times its packed size.
MAX_PART_BYTES = 16 * 1024 * 1024
MAX_PACKAGE_BYTES = 64 * 1024 * 1024


def package_problem(path: Path) -> str | None:
    """What makes the package at `path` unusable as a template, or None: a part that unpacks
    to more than MAX_PART_BYTES (or all to more than MAX_PACKAGE_BYTES), or an XML part that
    does not parse. Raises OSError and zipfile.BadZipFile."""
    with zipfile.ZipFile(path) as package:
        members = package.infolist()
        total = 0
        for info in members:
            total += info.file_size
            if info.file_size > MAX_PART_BYTES or total > MAX_PACKAGE_BYTES:
                limit = MAX_PART_BYTES if info.file_size > MAX_PART_BYTES else MAX_PACKAGE_BYTES
                return (
                    f"{info.filename} unpacks to {info.file_size / 1_048_576:.0f} MB; kravgen "
                    f"reads at most {limit // 1_048_576} MB from a template"
                )
        for info in members:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            try:
                ElementTree.fromstring(package.read(info))
            except ElementTree.ParseError as exc:
                return f"{info.filename} is not well-formed XML ({exc})"
    return None


def read_part(data: bytes | Path, rel_type: str) -> bytes | None:
    """The package part related to the package by `rel_type`, or None. `data` is the
    package's bytes or a path to it. Raises zipfile.BadZipFile and KeyError."""
    source = BytesIO(data) if isinstance(data, bytes) else data
    with zipfile.ZipFile(source) as package:
        target = _rel_targets(package.read("_rels/.rels")).get(rel_type)
        return package.read(_resolve("", target)) if target else None


def read_styles(path: Path) -> bytes:
    """styles.xml of the package at `path`, found through its relationships.
    Raises OSError, zipfile.BadZipFile and KeyError."""
    with zipfile.ZipFile(path) as package:
        main = _resolve("", _rel_targets(package.read("_rels/.rels"))[RT_DOCUMENT])
        folder, name = posixpath.split(main)
        rels = package.read(posixpath.join(folder, "_rels", name + ".rels"))
        return package.read(_resolve(folder, _rel_targets(rels)[RT_STYLES]))


def parse_custom_properties(xml: bytes) -> dict[str, str]:

    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
    out: dict[str, str] = {}
    for prop in ElementTree.fromstring(xml).iter(f"{ns}property"):
        value = next(iter(prop), None)
        out[prop.get("name", "")] = "" if value is None else (value.text or "")
    return out
