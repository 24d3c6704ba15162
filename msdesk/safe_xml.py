"""XML from files that come in (a .docx notice), parsed with the standard library and nothing trusted.

ElementTree alone expands internal entities (a "billion laughs" file eats the memory) and follows no
limit on nesting. Office files never carry a DTD, so one is refused outright, as are entity declarations,
nesting deeper than any real document, and more bytes than a real part holds.
"""

from __future__ import annotations

import zipfile
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

from .errors import MsdeskError

MAX_DEPTH = 512  # Word nests body/tbl/tr/tc/p/r…: a table nested 40 deep is still far below this
CHUNK = 1 << 20

HAS_DTD = "文件“{name}”中的 {part} 含有文档类型定义（DTD），正常的 Office 文件不会有，为安全起见不予读取。"
TOO_DEEP = "文件“{name}”中的 {part} 嵌套层数过多（超过 {limit} 层），可能已损坏或被改动，不予读取。"
TOO_BIG = "文件“{name}”中的 {part} 解压后超过 {limit} MB，不是正常的通知文件，为避免占满内存不予读取。"
BAD_XML = "文件“{name}”中的 {part} 不是有效的 XML（第 {line} 行），文件可能已损坏。"


def read_member(archive: zipfile.ZipFile, member: str, limit: int, name: str) -> bytes:
    """One member of a zip, refused once it would inflate past `limit` bytes (whatever its header claims)."""
    info = archive.getinfo(member)
    too_big = MsdeskError(TOO_BIG.format(name=name, part=member, limit=limit >> 20))
    if info.file_size > limit:
        raise too_big
    out = bytearray()
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            out += chunk
            if len(out) > limit:
                raise too_big
    return bytes(out)


def parse(
    data: bytes,
    part: str,
    name: str,
    skip: frozenset[str] = frozenset(),
    keep_attrs: frozenset[str] | None = None,
    only: dict[str, frozenset[str]] | None = None,
) -> Element:
    """Bytes → an ElementTree element with `{namespace}local` tags, or a Chinese MsdeskError.

    `skip`: local names of elements whose whole subtree is not built (formatting the caller never reads);
    `keep_attrs`: local names of the attributes kept (None: all); `only`: for an element's local name,
    the only children of it that are built (w:pPr → its numbering, not its dozen layout settings). All
    keep a big part's tree small: an element of Word's XML costs some 300 bytes of memory, most of it in attributes nobody reads.
    """
    builder = TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    names: dict[str, str] = {}  # one string per distinct name, shared by every element that has it
    depth = 0
    skipping = 0  # > 0 inside a skipped subtree: its depth there
    only = only or {}
    filtered_at, allowed = 0, frozenset[str]()  # the depth of the element whose children `only` filters

    def clark(raw: str) -> str:
        known = names.get(raw)
        if known is None:
            known = names[raw] = "{" + raw if "}" in raw else raw
        return known

    def refuse_dtd(*_args: object) -> None:
        raise MsdeskError(HAS_DTD.format(name=name, part=part))

    def refuse_external(*_args: object) -> int:
        raise MsdeskError(HAS_DTD.format(name=name, part=part))

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal depth, skipping, filtered_at, allowed
        depth += 1
        if depth > MAX_DEPTH:
            raise MsdeskError(TOO_DEEP.format(name=name, part=part, limit=MAX_DEPTH))
        local = tag.rpartition("}")[2]
        if skipping or local in skip or (filtered_at and depth == filtered_at + 1 and local not in allowed):
            skipping += 1
            return
        if local in only:
            filtered_at, allowed = depth, only[local]
        if keep_attrs is not None:
            attrs = {k: v for k, v in attrs.items() if k.rpartition("}")[2] in keep_attrs}
        builder.start(clark(tag), {clark(k): v for k, v in attrs.items()})

    def end(tag: str) -> None:
        nonlocal depth, skipping, filtered_at
        depth -= 1
        if skipping:
            skipping -= 1
            return
        if depth + 1 == filtered_at:
            filtered_at = 0
        builder.end(clark(tag))

    def data_(text: str) -> None:
        if not skipping:
            builder.data(text)

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.ExternalEntityRefHandler = refuse_external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data_
    parser.buffer_text = True  # one data() call per text node, not one per line
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise MsdeskError(BAD_XML.format(name=name, part=part, line=exc.lineno)) from exc
    root = builder.close()
    if not isinstance(root, Element):  # pragma: no cover - TreeBuilder always makes Elements
        raise MsdeskError(BAD_XML.format(name=name, part=part, line=1))
    return root
