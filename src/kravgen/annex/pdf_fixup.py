"""Make LibreOffice's PDF reproducible: the same .docx gives the same PDF bytes.

Measured with LibreOffice 7.4, two conversions of one document differ in exactly four places,
all clocks and checksums of the clock: the Info dictionary's /CreationDate, the XMP packet's
xmp:CreateDate, the date in the header of the sRGB ICC profile of the PDF/A output intent, and the
trailer's /ID and /DocChecksum. SOURCE_DATE_EPOCH is not honoured by 7.4. This module sets the
dates to a given time, derives /ID from the content, and rebuilds the cross-reference table,
since the recompressed ICC profile can change length.

It reads only the shape LibreOffice writes (one classic xref table, no object streams); a PDF of
another shape is returned unchanged rather than risk breaking it.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF = re.compile(rb"xref\r?\n0 (\d+)\r?\n")
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref", re.DOTALL)
_INFO_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\(D:[^)]*\)")
_XMP_DATE = re.compile(rb"<xmp:(CreateDate|ModifyDate|MetadataDate)>[^<]*</xmp:\1>")
_STREAM = re.compile(rb"stream\r?\n")
_ICC_DATE = slice(24, 36)
_ICC_ID = slice(84, 100)


@dataclass(slots=True)
class _Pdf:
    header: bytes
    objects: dict[int, bytearray]  # object number -> "n 0 obj ... endobj" and what follows
    entries: list[bytes]  # the original 20-byte xref entries
    trailer: bytes


def normalise_pdf(pdf: bytes, when: datetime) -> bytes:
    """The PDF with its dates set to `when` and an /ID computed from its content."""
    parsed = _parse(pdf)
    if parsed is None:
        return pdf
    stamp = when.astimezone(UTC)
    trailer = parsed.trailer
    info = re.search(rb"/Info\s+(\d+)\s+0\s+R", trailer)
    if info is not None and int(info[1]) in parsed.objects:
        body = parsed.objects[int(info[1])]
        pdf_date = stamp.strftime("D:%Y%m%d%H%M%SZ").encode()
        body[:] = _INFO_DATE.sub(lambda m: b"/" + m[1] + b"(" + pdf_date + b")", bytes(body))
    for number, body in parsed.objects.items():
        if b"/Type/Metadata" in body and b"/Subtype/XML" in body:
            _fix_xmp(body, stamp)
        intent = re.search(rb"/DestOutputProfile\s+(\d+)\s+0\s+R", body)
        if intent is not None and number != int(intent[1]):
            _fix_icc(parsed, int(intent[1]), stamp)
    return _assemble(parsed)


def _parse(pdf: bytes) -> _Pdf | None:
    end = _STARTXREF.search(pdf)
    if end is None:
        return None
    xref_at = int(end[1])
    table = _XREF.match(pdf, xref_at)
    if table is None:
        return None
    count = int(table[1])
    start = table.end()
    entries = [pdf[start + 20 * i : start + 20 * (i + 1)] for i in range(count)]
    trailer = _TRAILER.match(pdf, start + 20 * count)
    if trailer is None or any(len(entry) != 20 for entry in entries):
        return None
    offsets = sorted(
        (int(entry[:10]), number) for number, entry in enumerate(entries) if entry[17:18] == b"n"
    )
    if not offsets or offsets[-1][0] >= xref_at:
        return None
    objects: dict[int, bytearray] = {}
    for (offset, number), (following, _) in zip(
        offsets, [*offsets[1:], (xref_at, -1)], strict=True
    ):
        chunk = pdf[offset:following]
        if not chunk.startswith(b"%d 0 obj" % number):
            return None
        objects[number] = bytearray(chunk)
    return _Pdf(pdf[: offsets[0][0]], objects, entries, trailer[1])


def _fix_xmp(body: bytearray, stamp: datetime) -> None:
    """Set the XMP dates; the stream's direct /Length follows the change in size."""
    xmp_date = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    old = bytes(body)
    new = _XMP_DATE.sub(lambda m: b"<xmp:%s>%s</xmp:%s>" % (m[1], xmp_date, m[1]), old)
    growth = len(new) - len(old)
    if growth:
        length = re.search(rb"/Length\s+(\d+)(?!\s+\d+\s+R)", new)
        if length is None:
            return
        new = new[: length.start(1)] + b"%d" % (int(length[1]) + growth) + new[length.end(1) :]
    body[:] = new


def _fix_icc(parsed: _Pdf, number: int, stamp: datetime) -> None:
    """Set the creation date in the ICC profile's header and recompress the stream."""
    body = parsed.objects.get(number)
    if body is None or b"/FlateDecode" not in body:
        return
    length_ref = re.search(rb"/Length\s+(\d+)\s+0\s+R", body)
    length_direct = re.search(rb"/Length\s+(\d+)", body)
    opening = _STREAM.search(body)
    if opening is None or length_direct is None:
        return
    length_body = parsed.objects.get(int(length_ref[1])) if length_ref else None
    if length_ref is not None:
        if length_body is None:
            return
        value = re.search(rb"obj\s+(\d+)\s+endobj", length_body)
        if value is None:
            return
        length = int(value[1])
    else:
        length = int(length_direct[1])
    data_at = opening.end()
    profile = bytearray(zlib.decompress(bytes(body[data_at : data_at + length])))
    if len(profile) < 128:
        return
    profile[_ICC_DATE] = struct.pack(
        ">6H", stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second
    )
    if any(profile[_ICC_ID]):  # ICC.1 7.2.18: MD5 with flags, intent and the id zeroed
        copy = bytearray(profile)
        copy[44:48] = bytes(4)
        copy[64:68] = bytes(4)
        copy[_ICC_ID] = bytes(16)
        profile[_ICC_ID] = hashlib.md5(copy, usedforsecurity=False).digest()
    packed = zlib.compress(bytes(profile), 9)
    body[data_at : data_at + length] = packed
    if length_ref is not None and length_body is not None:
        length_body[:] = re.sub(
            rb"(obj\s+)\d+(\s+endobj)",
            lambda m: m[1] + b"%d" % len(packed) + m[2],
            bytes(length_body),
            count=1,
        )
    else:
        at = re.search(rb"/Length\s+(\d+)", body)
        if at is not None:
            body[at.start(1) : at.end(1)] = b"%d" % len(packed)


def _assemble(parsed: _Pdf) -> bytes:
    """Lay the objects out again, with new offsets and an /ID that hashes the content."""
    out = bytearray(parsed.header)
    offsets: dict[int, int] = {}
    for number in sorted(parsed.objects, key=lambda n: int(parsed.entries[n][:10])):
        offsets[number] = len(out)
        out += parsed.objects[number]
    digest = hashlib.md5(bytes(out), usedforsecurity=False).hexdigest().upper().encode()
    trailer = re.sub(
        rb"/ID\s*\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]",
        lambda _: b"/ID [ <%s>\n<%s> ]" % (digest, digest),
        parsed.trailer,
    )
    trailer = re.sub(
        rb"/DocChecksum\s*/[0-9A-Fa-f]+", lambda _: b"/DocChecksum /" + digest, trailer
    )
    xref_at = len(out)
    out += b"xref\n0 %d\n" % len(parsed.entries)
    for number, entry in enumerate(parsed.entries):
        out += b"%010d" % offsets[number] + entry[10:] if number in offsets else entry
    out += b"trailer\n<<" + trailer + b">>\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)
