"""Tagged PDF (PDF/UA-1): the structure tree read back from every kind of PDF the tool writes.

These are the machine-checkable conditions: every painting operation is content with an MCID
or an artifact, the tree holds every MCID, headings come in the order the source is written
(not sheet order, in mirrored editions too), figures have alternatives, links join their Link
element, and the catalog and XMP say what the file is. They also check the ReportLab hooks
the tree is written through (page keys, catalog entries, annotation keys).
"""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pdfplumber
import pikepdf
import polib
import pytest

from leaflet.build import Options, build, calibrate

from .conftest import CLINIC, SAMPLE

PAINT = {"Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "Do", "sh"}
FIRST_HEADINGS = [
    "Visiting the town library",
    "A visit has three steps",
    "What the library offers",
    "Four things to try",
    "Opening hours",
    "Your clinic",
]
"""The first heading of each panel of the test leaflet, in the order the source writes them: front, flap,
inside-1 to 3, back."""


def variants(folder: Path) -> dict[str, Path]:
    made = {}
    for name, options in {
        "a4": Options(),
        "letter": Options(paper="letter"),
        "z-fold": Options(fold="z"),
        "press": Options(target="press"),
        "cmyk": Options(target="press", cmyk=True),
        "ar": Options(lang="ar"),
    }.items():
        out = folder / f"{name}.pdf"
        build(SAMPLE, Options(**{**options.__dict__, "clinic": CLINIC, "output": out}))
        made[name] = out
    draft_po = folder / "fr.po"
    po = polib.pofile(str(SAMPLE.parent / "translations" / "fr.po"))
    po[4].flags.append("fuzzy")
    po.save(str(draft_po))
    made["draft"] = folder / "draft.pdf"
    build(SAMPLE, Options(lang="fr", po=draft_po, draft=True, clinic=CLINIC, output=made["draft"]))
    made["calibration"] = calibrate(Options(output=folder / "calibration.pdf"))
    return made


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return variants(tmp_path_factory.mktemp("tagged"))


def marked_content(path: Path) -> tuple[int, dict[int, set[int]]]:
    """(painting operations outside any tagged content or artifact, MCIDs on each page)."""
    untagged = 0
    mcids: dict[int, set[int]] = collections.defaultdict(set)
    with pikepdf.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            stack: list[str] = []
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op in ("BDC", "BMC"):
                    properties = operands[1] if op == "BDC" and len(operands) > 1 else None
                    if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                        mcids[index].add(int(properties.MCID))
                        stack.append("T")
                    else:
                        stack.append("A" if str(operands[0]) == "/Artifact" else "O")
                elif op == "EMC":
                    stack.pop()
                elif op in PAINT and not {"A", "T"} & set(stack):
                    untagged += 1
    return untagged, mcids


def tree(path: Path) -> tuple[list[tuple[str, str]], dict[int, set[int]], list[str]]:
    """The tree's elements in order as (role, their text), the MCIDs it lists per page, and Figure alts."""
    texts: dict[tuple[int, int], str] = collections.defaultdict(str)
    with pdfplumber.open(path) as document:
        for index, page in enumerate(document.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    texts[index, char["mcid"]] += char["text"]
    elements: list[tuple[str, str]] = []
    listed: dict[int, set[int]] = collections.defaultdict(set)
    alts: list[str] = []
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}

        def walk(element) -> str:
            own = ""
            kids = element.get("/K", [])
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    page = pages[kid.Pg.objgen]
                    listed[page].add(int(kid.MCID))
                    own += texts[page, int(kid.MCID)]
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    own += walk(kid)
            role = str(element.S)[1:]
            if role == "Figure":
                alts.append(str(element.get("/Alt", "")))
            elements.append((role, own))
            return own

        for top in pdf.Root.StructTreeRoot.K:
            walk(top)
    return elements, listed, alts


@pytest.mark.parametrize("variant", ["a4", "letter", "z-fold", "press", "cmyk", "ar", "draft", "calibration"])
def test_every_painting_operation_is_tagged_content_or_an_artifact_and_the_tree_lists_every_mcid(pdfs, variant):
    untagged, on_pages = marked_content(pdfs[variant])
    assert untagged == 0
    _, listed, _ = tree(pdfs[variant])
    assert dict(listed) == dict(on_pages)


@pytest.mark.parametrize("variant", ["a4", "letter", "z-fold", "press", "cmyk", "draft", "calibration"])
def test_the_catalog_and_xmp_say_the_file_is_tagged_pdf_ua(pdfs, variant):
    with pikepdf.open(pdfs[variant]) as pdf:
        assert pdf.pdf_version == "1.7"
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang)
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and "<dc:title>" in xmp
        for page in pdf.pages:
            assert "/StructParents" in page.obj
            if page.obj.get("/Annots"):
                assert page.obj.Tabs == "/S"
                for annotation in page.obj.Annots:
                    assert "/StructParent" in annotation and str(annotation.Contents).strip()


@pytest.mark.parametrize("variant", ["a4", "letter", "z-fold", "press", "cmyk"])
def test_headings_come_in_the_order_the_source_writes_them_not_sheet_order(pdfs, variant):
    elements, _, _ = tree(pdfs[variant])
    headings = ["".join(text.split()) for role, text in elements if re.fullmatch(r"H[1-6]", role)]
    # compared without spaces: a space where a heading wraps is not drawn, so not in the characters
    firsts = ["".join(first.split()) for first in FIRST_HEADINGS]
    found = [next(i for i, heading in enumerate(headings) if heading.startswith(first)) for first in firsts]
    assert found == sorted(found)
    assert [role for role, _ in elements if re.fullmatch(r"H[1-6]", role)][0] == "H1"


def test_a_right_to_left_edition_is_read_in_source_order_and_its_text_as_written(pdfs):
    elements, _, _ = tree(pdfs["ar"])
    headings = ["".join(text.split()) for role, text in elements if re.fullmatch(r"H[1-6]", role)]
    po = {entry.msgctxt: entry.msgstr for entry in polib.pofile(str(SAMPLE.parent / "translations" / "ar.po"))}
    contexts = ["front/0.banner/text", "flap/0.heading", "inside-1/1.heading", "inside-2/0.heading",
                "inside-3/0.section/heading", "back/1.clinic/heading"]  # fmt: skip
    firsts = ["".join(po[context].split())[:8] for context in contexts]  # the glyphs give back the letters
    found = [next(i for i, heading in enumerate(headings) if heading.startswith(first)) for first in firsts]
    assert found == sorted(found)


def test_figures_carry_their_alternative_and_the_qr_code_names_its_address(pdfs):
    _, _, alts = tree(pdfs["a4"])
    assert all(alts) and {"Two people talking about a book.", "Three books in a pile."} <= set(alts)
    assert any("https://www.example.org" in alt for alt in alts)


def test_text_carried_on_to_another_panel_stays_one_element(tmp_path):
    long = " ".join(["Patients read this long sentence again and again."] * 60)
    source = tmp_path / "leaflet.yaml"
    source.write_text(
        "leaflet: {id: t, title: T, language: en-GB}\npanels:\n"
        f"  inside-1:\n    continues_to: inside-2\n    blocks:\n      - paragraph: {long}\n",
        encoding="utf-8",
    )
    out = tmp_path / "t.pdf"
    build(source, Options(output=out))
    elements, _, _ = tree(out)
    paragraphs = [text for role, text in elements if role == "P"]
    assert len(paragraphs) == 1 and "".join(paragraphs[0].split()).count("againandagain") == 60


def test_the_draft_band_is_read_out_once_in_english(pdfs):
    elements, _, _ = tree(pdfs["draft"])
    assert [text for _, text in elements if "DRAFT TRANSLATION" in text and _ == "P"] == [
        "DRAFT TRANSLATION - NOT FOR PATIENT USE"
    ]


SHAPED = {
    "ar": (
        "مكتبة المدينة",
        "لا تنسَ أن تعيد الكتب خلال ثلاثة أسابيع. للأطفال كتب مصورة، ونلتقي في أول يوم اثنين من كل شهر"
        " لنتحدث عن كتاب واحد. يمكنك أيضا استعارة الأفلام والألعاب مجانا، أو استخدام الحاسوب والإنترنت.",
    ),
    "bn": (
        "শহরের গ্রন্থাগার",
        "তিন সপ্তাহের মধ্যে বই ফেরত দিন। শিশুদের জন্য ছবির বই আর স্কুলের পরে পড়ার ক্লাব আছে।"
        " স্বেচ্ছাসেবক আপনাকে কম্পিউটার ব্যবহার করতে সাহায্য করবেন।",
    ),
    "pa": (
        "ਸ਼ਹਿਰ ਦੀ ਲਾਇਬ੍ਰੇਰੀ",
        "ਤਿੰਨ ਹਫ਼ਤਿਆਂ ਵਿੱਚ ਕਿਤਾਬਾਂ ਵਾਪਸ ਕਰੋ। ਬੱਚਿਆਂ ਲਈ ਤਸਵੀਰਾਂ ਵਾਲੀਆਂ ਕਿਤਾਬਾਂ ਅਤੇ ਸਕੂਲ ਤੋਂ ਬਾਅਦ ਪੜ੍ਹਾਈ ਦਾ ਕਲੱਬ ਹੈ।"
        " ਸਵੈ-ਸੇਵਕ ਤੁਹਾਨੂੰ ਕੰਪਿਊਟਰ ਵਰਤਣ ਵਿੱਚ ਮਦਦ ਕਰ ਸਕਦੇ ਹਨ, ਅਤੇ ਪ੍ਰਿੰਟਰ ਮੁਫ਼ਤ ਹੈ। ਕ੍ਰਿਪਾ ਕਰਕੇ ਸ਼ਾਂਤ ਰਹੋ।",
    ),
    "ta": (
        "நகர நூலகம்",
        "மூன்று வாரங்களுக்குள் புத்தகங்களைத் திருப்பிக் கொடுங்கள். குழந்தைகளுக்குப் படப் புத்தகங்களும்"
        " பள்ளிக்குப் பிறகு வீட்டுப்பாடக் குழுவும் உண்டு.",
    ),
    "ur": (
        "شہر کا کتب خانہ",
        "تین ہفتوں کے اندر کتابیں واپس کیجیے۔ بچوں کے لیے تصویروں والی کتابیں اور اسکول کے بعد پڑھائی کا کلب بھی ہے۔",
    ),
}
"""A heading and a paragraph in each shaped script, with joined letters, ligatures and conjuncts: each
sets glyphs that no character maps to (from 5 in Punjabi to over 80 in Nastaliq), which ReportLab
would give private-use codes."""


@pytest.mark.parametrize("language", sorted(SHAPED))
def test_no_glyph_reads_back_as_a_private_use_character(tmp_path, language):
    heading, paragraph = SHAPED[language]
    source = tmp_path / "leaflet.yaml"
    source.write_text(
        f"leaflet: {{id: t, title: T, language: {language}}}\npanels:\n"
        f"  inside-1:\n    - heading: {heading}\n    - paragraph: {paragraph}\n",
        encoding="utf-8",
    )
    out = tmp_path / f"{language}.pdf"
    build(source, Options(output=out))
    private = set()
    with pikepdf.open(out) as pdf:
        for page in pdf.pages:
            for _, font in page.obj.Resources.Font.items():
                cmap = font.ToUnicode.read_bytes().decode("latin-1")
                for target in re.findall(r"<[0-9A-F]+> <([0-9A-F]{4,})>", cmap):
                    private |= {
                        target[i : i + 4]
                        for i in range(0, len(target), 4)
                        if 0xE000 <= int(target[i : i + 4], 16) <= 0xF8FF
                    }
    assert private == set()


def test_a_press_pdf_is_pdf_x_4_with_its_output_intent_and_no_rgb(pdfs):
    with pikepdf.open(pdfs["press"]) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX" and str(intent.OutputConditionIdentifier) == "CGATS TR 001"
        profile = intent.DestOutputProfile
        assert profile.N == 4 and profile.read_bytes()[36:40] == b"acsp"  # an ICC profile, for CMYK
        assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in pdf.Root.Metadata.read_bytes().decode()
        assert pdf.docinfo.Trapped == "/False"
        for page in pdf.pages:
            assert "/TrimBox" in page.obj and "/BleedBox" in page.obj
            operators = {str(op) for _, op in pikepdf.parse_content_stream(page)}
            assert not operators & {"rg", "RG"}  # no device RGB: colours are CMYK for the output intent
            for _, image in page.obj.Resources.get("/XObject", {}).items():
                assert image.get("/ColorSpace") != "/DeviceRGB"


def test_an_office_pdf_claims_no_print_standard(pdfs):
    with pikepdf.open(pdfs["a4"]) as pdf:
        assert "/OutputIntents" not in pdf.Root
        assert "GTS_PDFXVersion" not in pdf.Root.Metadata.read_bytes().decode()


def test_english_left_in_a_translation_is_marked_as_english(pdfs):
    languages = collections.Counter()
    with pikepdf.open(pdfs["ar"]) as pdf:
        for page in pdf.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                    languages[str(operands[1].get("/Lang", ""))] += 1
    assert languages["en"] >= 4  # the clinic's name and address lines, "Wi-Fi", the web address
    assert languages[""] > languages["en"]  # the Arabic text takes the document's language


def test_heading_levels_start_at_one_and_never_skip_whatever_blocks_the_source_uses(tmp_path):
    # a cover heading, then steps whose titles are H3 by kind, with no H2 written anywhere: a screen
    # reader's list of headings must still go H1, H2, H2, ... (PDF/UA-1, Matterhorn 14-002 and 14-003)
    source = tmp_path / "leaflet.yaml"
    source.write_text(
        "leaflet: {id: t, title: T, language: en-GB}\npanels:\n"
        "  front:\n    - heading: On the cover\n"
        "  flap:\n    - steps:\n        - {title: First stage, text: One.}\n"
        "        - {title: Second stage, text: Two.}\n"
        "    - section: {heading: A section, body: [paragraph: Three.]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "t.pdf"
    build(source, Options(output=out))
    elements, _, _ = tree(out)
    levels = [(int(role[1]), "".join(text.split())) for role, text in elements if re.fullmatch(r"H[1-6]", role)]
    assert levels == [(1, "Onthecover"), (2, "Firststage"), (2, "Secondstage"), (2, "Asection")]
