"""Tagged PDF: marked content on the pages, and the structure tree that puts it in reading order.

Every painting operation is either content, marked with an MCID and listed under its element
(H1, P, LI, Figure...), or an artifact (bands, tints, badges, marks). The tree follows the
source: elements in the order they are written, and within an element its parts in reading
order (panel by panel, down each, then along the line), never in the order the imposition
puts them on the sheet. Link annotations join their Link element through /StructParent.

ReportLab has no structure API, so this writes PDF objects through `reportlab.pdfbase.pdfdoc`
(PDFDictionary, PDFArray, the document's Reference) and sets two page keys it does not know
(/StructParents, /Tabs) on its page objects: internals, checked by `tests/test_tagged.py`
on the ReportLab versions `pyproject.toml` allows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfbase.pdfdoc import (
    XMP,
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFString,
    PDFtrue,
    PDFZCompress,
)  # fmt: skip

from ..layout.items import Tag
from .fonts import assets_dir

INVARIANT_DATE = "2000-01-01T00:00:00+00:00"
"""The date ReportLab's invariant mode writes in the document information: builds stay identical."""
LINKS_FROM = 100_000
"""Link annotations' /StructParent numbers start here, clear of the pages' (0, 1, ...)."""


@dataclass
class _Element:
    """One element of the structure tree while it is built: its role, attributes and kids."""

    role: str
    attributes: tuple[tuple[str, str], ...]
    kids: list = field(default_factory=list)
    """Child elements and marked content: (order, page, MCID) or (order, 'link', annotation, page)."""
    children: dict = field(default_factory=dict)
    pdf: PDFDictionary | None = None
    ref: object = None

    def first(self) -> tuple:
        orders = [kid[0] for kid in self.kids if isinstance(kid, tuple)]
        orders += [child.first() for child in self.children.values()]
        return min(orders, default=((),))


def _level_headings(root: _Element) -> None:
    """Number the headings so that a reader going down them never skips a level (PDF/UA-1, 14-003),
    starting from H1 (14-002): a step's title (H3) under the cover's title (H1) becomes H2.

    A block's own level says how it ranks against the headings before it: in reading order, a
    heading sits one level below the nearest earlier heading that outranks it, so siblings keep
    one level and the demo's H1 > H2 > H3 stay as they are. Levels only ever move toward H1.
    """
    above: list[tuple[int, int]] = []  # (own level, level given) of the headings that outrank what follows
    waiting = [root]
    while waiting:
        element = waiting.pop()
        if len(element.role) == 2 and element.role[0] == "H" and element.role[1].isdigit():
            own = int(element.role[1])
            while above and above[-1][0] >= own:
                above.pop()
            given = above[-1][1] + 1 if above else 1
            above.append((own, given))
            element.role = f"H{given}"
        waiting += sorted(element.children.values(), key=_Element.first, reverse=True)  # read in order


def escape(text: str) -> str:
    """Text for XML (xml.sax.saxutils would import urllib and http: a sixth of a build's start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def output_intent(canvas) -> None:
    """PDF/X-4's output intent: the printing condition (US SWOP, CGATS TR 001) and its ICC profile.

    ReportLab writes only the catalog keys it knows, so /OutputIntents is added to the list
    of keys this document's catalog writes."""
    profile = PDFStream(PDFDictionary({"N": 4}), (assets_dir() / "icc" / "default_cmyk.icc").read_bytes())
    profile.filters = [PDFZCompress]
    intent = PDFDictionary({
        "Type": PDFName("OutputIntent"),
        "S": PDFName("GTS_PDFX"),
        "OutputConditionIdentifier": PDFString("CGATS TR 001"),
        "OutputCondition": PDFString("SWOP (Publication) Grade 1 Paper"),
        "RegistryName": PDFString("http://www.color.org"),
        "Info": PDFString("Artifex CMYK SWOP Profile"),
        "DestOutputProfile": canvas._doc.Reference(profile),
    })  # fmt: skip
    catalog = canvas._doc.Catalog
    catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]
    catalog.OutputIntents = PDFArray([intent])


class Marks:
    """Numbers the marked content of each page as it is drawn, then writes the tree."""

    def __init__(self, canvas, right_to_left: bool) -> None:
        self.canvas = canvas
        self.doc = canvas._doc
        self.right_to_left = right_to_left
        self.root = _Element("Document", ())
        self.page = -1
        self.page_refs: list = []
        self.mcids: list[list[_Element]] = []
        self.links: list[tuple[int, _Element]] = []
        self.pages_with_links: set[int] = set()

    def start_page(self) -> None:
        self.page += 1
        self.page_refs.append(self.doc.thisPageRef())
        self.mcids.append([])

    def begin(self, tag: Tag | None, order: tuple, language: str = "") -> None:
        """Open the marked content of one item: an MCID under its element (with its own language
        when it is not the document's: an English address in an Urdu edition), or an artifact."""
        if tag is None:
            self.canvas.addLiteral("/Artifact BMC")
            return
        element = self._element(tag)
        mcid = len(self.mcids[self.page])
        self.mcids[self.page].append(element)
        element.kids.append((self._order(tag, order), self.page, mcid))
        own = f" /Lang {PDFString(language).format(self.doc).decode('latin-1')}" if language else ""
        self.canvas.addLiteral(f"/{tag[-1][0]} <</MCID {mcid}{own}>> BDC")

    def end(self) -> None:
        self.canvas.addLiteral("EMC")

    def link(self, tag: Tag | None, order: tuple) -> dict:
        """The keys a link annotation needs to join its Link element (none for an untagged one)."""
        if tag is None:
            return {}
        element = self._element(tag)
        number = LINKS_FROM + len(self.links)
        self.links.append((number, element))
        self.pages_with_links.add(self.page)
        # the annotation's reference is filled in by `annotated`, once ReportLab has made it
        element.kids.append((self._order(tag, order), "link", None, self.page, number))
        return {"StructParent": number}

    def annotated(self, name: str) -> None:
        """Record the annotation just added (its reference) for the last link's OBJR."""
        element = self.links[-1][1]
        order, kind, _, page, number = element.kids[-1]
        element.kids[-1] = (order, kind, self.doc.refAnnotation(name), page, number)

    def _order(self, tag: Tag, order: tuple) -> tuple:
        if order and self.right_to_left:
            order = (*order[:-1], -order[-1])  # along a right-to-left line, from the right
        return (tag[0][1], *order)

    def _element(self, tag: Tag) -> _Element:
        element = self.root
        for role, key, attributes in tag:
            element = element.children.setdefault((role, key), _Element(role, attributes))
        return element

    def finish_page(self) -> None:
        """Give the page just shown its keys: where its MCIDs' elements are listed, how to tab."""
        page = self.doc.Pages.pages[-1]
        keys = ["StructParents"] + (["Tabs"] if self.page in self.pages_with_links else [])
        page.__NoDefault__ = [*page.__NoDefault__, *keys]
        page.StructParents = self.page
        if "Tabs" in keys:
            page.Tabs = PDFName("S")

    def write(self, language: str) -> None:
        """The structure tree, its parent tree, and the catalog keys that say the file is tagged."""
        tree = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        tree_ref = self.doc.Reference(tree)
        _level_headings(self.root)
        self._make(self.root, tree_ref)
        tree["K"] = PDFArray([self.root.ref])
        numbers: list = []
        for page, elements in enumerate(self.mcids):
            numbers += [page, PDFArray([element.ref for element in elements])]
        for number, element in self.links:
            numbers += [number, element.ref]
        tree["ParentTree"] = PDFDictionary({"Nums": PDFArray(numbers)})
        tree["ParentTreeNextKey"] = LINKS_FROM + len(self.links)
        self.canvas.setCatalogEntry("StructTreeRoot", tree_ref)
        self.canvas.setCatalogEntry("MarkInfo", PDFDictionary({"Marked": PDFtrue}))
        self.root.pdf["Lang"] = PDFString(language)

    def metadata(self, title: str, language: str, subject: str, author: str, creator: str, press: bool) -> None:
        """XMP metadata: the title as readers show it, the claim of PDF/UA-1 (pdfuaid:part 1), and for
        a print shop PDF/X-4 (pdfxid), with the dates the document information has."""

        def packet(doc) -> bytes:
            def alt(value: str) -> str:
                return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt>'

            author_xml = ""
            if author:
                author_xml = f"<dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>"
            return (
                '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
                '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
                '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
                'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
                'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">'
                "<pdfuaid:part>1</pdfuaid:part><dc:format>application/pdf</dc:format>"
                + (
                    "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion><pdf:Trapped>False</pdf:Trapped>"
                    if press
                    else ""
                )
                + f"<xmp:CreateDate>{INVARIANT_DATE}</xmp:CreateDate><xmp:ModifyDate>{INVARIANT_DATE}</xmp:ModifyDate>"
                f"<xmp:MetadataDate>{INVARIANT_DATE}</xmp:MetadataDate>"
                f"<dc:title>{alt(title)}</dc:title>"
                + (f"<dc:description>{alt(subject)}</dc:description>" if subject else "")
                + author_xml
                + f"<dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag></dc:language>"
                f"<pdf:Producer>{escape(creator)}</pdf:Producer><xmp:CreatorTool>{escape(creator)}</xmp:CreatorTool>"
                '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
            ).encode("utf-8")

        self.canvas.setCatalogEntry("Metadata", XMP(creator=packet))

    def _make(self, element: _Element, parent) -> None:
        element.pdf = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(element.role), "P": parent})
        for name, value in element.attributes:
            element.pdf[name] = PDFString(value)
        element.ref = self.doc.Reference(element.pdf)
        items = [(kid[0], kid) for kid in element.kids] + [(c.first(), c) for c in element.children.values()]
        kids = []
        for _, kid in sorted(items, key=lambda pair: pair[0]):
            if isinstance(kid, _Element):
                self._make(kid, element.ref)
                kids.append(kid.ref)
            elif kid[1] == "link":
                _, _, annotation, page, _ = kid
                kids.append(PDFDictionary({"Type": PDFName("OBJR"), "Obj": annotation, "Pg": self.page_refs[page]}))
            else:
                _, page, mcid = kid
                kids.append(PDFDictionary({"Type": PDFName("MCR"), "Pg": self.page_refs[page], "MCID": mcid}))
        element.pdf["K"] = PDFArray(kids)
