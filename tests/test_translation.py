"""PO files: the leaflet's text out to a template and translations back in, checked.

On the test leaflet (tests/fixtures/leaflet/), but for one test about the IPT edition's own text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import polib
import pytest

from leaflet import model as m
from leaflet.content import load
from leaflet.errors import SourceError, TranslationError
from leaflet.markup import parse_inline
from leaflet.translation import extract, translate, write_po

from .conftest import ROOT, SAMPLE

SEED = Path(__file__).parent / "fixtures" / "ipt-seed.txt"
LINK = re.compile(r"(\[[^\[\]]+\]\()([^()\s]+)(\))")


@pytest.fixture(scope="module")
def sample() -> m.Leaflet:
    """The test leaflet."""
    return load(SAMPLE)


def entries(po: polib.POFile) -> dict[str, polib.POEntry]:
    return {entry.msgctxt: entry for entry in po}


def shout(source: str) -> str:
    """A stand-in translation: upper-case every word, but keep link addresses as they are."""
    parts = LINK.split(source)  # text, "[label](", address, ")", text, ...
    return "".join(part if i % 4 == 2 else part.upper() for i, part in enumerate(parts))


def normalised(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s\u00ad\-]+", "", text)


@pytest.fixture
def translated_po(sample: m.Leaflet, tmp_path: Path):
    """Write a PO with every string shouted, after `change(entries, po)` edits it; give its path, reread."""

    def make(change=lambda found, po: None) -> tuple[Path, dict[str, polib.POEntry]]:
        po = extract(sample)
        po.metadata["Language"] = "fr"
        for entry in po:
            entry.msgstr = shout(entry.msgid)
        change(entries(po), po)
        path = tmp_path / "po" / "fr.po"
        write_po(po, path)
        return path, entries(polib.pofile(str(path)))

    return make


# -- extract ------------------------------------------------------------------


def test_every_text_of_the_leaflet_is_an_entry_in_reading_order(sample):
    po = extract(sample)
    texts = [t.source for name in m.PANEL_NAMES for b in sample.panels[name].blocks if not isinstance(b, m.Clinic)
             for t in m.block_texts(b)]  # fmt: skip
    assert [e.msgid for e in po if ".clinic/" not in e.msgctxt] == [sample.title, sample.subject] + texts
    assert [e.msgid for e in po if ".clinic/" in e.msgctxt] == list(m.CLINIC_LABELS.values())  # never its details
    assert all(e.msgstr == "" for e in po)


def test_every_sentence_of_the_original_ipt_leaflet_is_a_msgid():
    """About the IPT edition itself, so on content.yaml: its template holds every sentence of the
    printed original (tests/fixtures/ipt-seed.txt), for translators to translate."""
    whole = normalised(" ".join(parse_inline(e.msgid).plain for e in extract(load(ROOT / "content.yaml"))))
    parts = re.split(r"(?<=[.!?:])\s+|\n\s*\n", SEED.read_text(encoding="utf-8"))
    sentences = [" ".join(p.split()) for p in parts if len(normalised(p)) > 3]
    assert len(sentences) > 40
    assert [s for s in sentences if normalised(s) not in whole] == []


def test_msgid_keeps_the_markup_as_written(sample):
    found = entries(extract(sample))
    assert "[www.example.org](https://www.example.org)" in found["inside-3/2.section/body/0.paragraph"].msgid
    assert "it is **free to join**." in found["inside-1/2.paragraph"].msgid
    assert found["back/1.clinic/telephone"].msgid == "Telephone"


def test_contexts_are_unique_and_name_panel_and_block(sample):
    po = extract(sample)
    contexts = [e.msgctxt for e in po]
    assert len(contexts) == len(set(contexts))
    for context in (
        "leaflet/title",
        "leaflet/subject",
        "front/0.banner/text",
        "front/3.illustration/alt",
        "flap/0.heading",
        "flap/1.steps/2/title",
        "flap/1.steps/0/text",
        "inside-1/1.heading",  # inside-1/0 is a band with no text
        "inside-1/2.paragraph",
        "inside-2/3.section/heading",
        "inside-2/3.section/body/0.paragraph",
        "inside-2/5.callout/body/0.paragraph",
        "inside-2/6.bullets/2",
        "inside-3/1.image/alt",
        "back/1.clinic/heading",
        "back/1.clinic/sample",
    ):
        assert context in contexts
    assert not any(context.startswith("inside-1/0.") for context in contexts)
    assert entries(po)["flap/1.steps/2/title"].msgid == "Return"


def test_comments_say_where_the_text_sits(sample):
    found = entries(extract(sample))
    assert all(e.comment for e in found.values())
    assert found["front/0.banner/text"].comment == "Front cover, banner title"
    assert found["inside-1/3.paragraph"].comment == "Inside panel 1, paragraph 2 of 3"
    assert found["inside-2/6.bullets/1"].comment == "Inside panel 2, bullet list, item 2 of 3"
    assert found["flap/1.steps/1/text"].comment == "Flap, numbered steps, step 2 of 3, text"
    assert found["inside-2/2.section/heading"].comment == "Inside panel 2, section 2 of 4, heading"
    assert "not printed" in found["front/3.illustration/alt"].comment
    assert "PDF" in found["leaflet/title"].comment


def test_comments_ask_to_keep_the_markup(sample):
    found = entries(extract(sample))
    assert "translate the label, never the address" in found["inside-3/2.section/body/0.paragraph"].comment
    assert "Keep **...** (bold) as it is" in found["inside-1/2.paragraph"].comment
    assert "label printed before the clinic's phone number" in found["back/1.clinic/telephone"].comment
    assert "Keep" not in found["inside-1/3.paragraph"].comment


def test_room_gives_length_advice_for_printed_text(sample):
    found = entries(extract(sample, {"inside-1": 0.88, "inside-3": 0.6, "front": 0.5}))
    assert found["inside-1/3.paragraph"].comment.splitlines()[1] == (
        "The panel is 88% full: keep the translation close to the English length"
    )
    assert "The panel is 60% full: room for about 65% more text" in found["inside-3/0.section/heading"].comment
    assert "full" not in found["front/3.illustration/alt"].comment  # alt text is not printed
    assert "full" not in found["flap/0.heading"].comment  # no figure given for the flap


def test_occurrences_give_the_block_line_in_the_yaml(sample):
    found = entries(extract(sample))
    assert all(e.occurrences for e in found.values())
    steps = sample.panels["flap"].blocks[1]
    assert found["flap/1.steps/0/text"].occurrences == [("sample.yaml", str(steps.where.line))]
    paragraph = sample.panels["inside-1"].blocks[3]
    assert found["inside-1/3.paragraph"].occurrences == [("sample.yaml", str(paragraph.where.line))]
    assert SAMPLE.read_text().splitlines()[paragraph.where.line - 1].strip().startswith("- paragraph:")


def test_template_metadata_and_deterministic_output(sample, tmp_path):
    first, second = tmp_path / "a" / "b" / "leaflet.pot", tmp_path / "again.pot"
    write_po(extract(sample), first)
    write_po(extract(sample), second)
    text = first.read_text(encoding="utf-8")
    assert text == second.read_text(encoding="utf-8")
    assert "Creation-Date" not in text and "Revision-Date" not in text
    assert text.startswith("# Translation template for the leaflet")
    read = polib.pofile(str(first))
    assert read.metadata["Project-Id-Version"] == "town-library"
    assert read.metadata["Language"] == ""
    assert "charset=UTF-8" in read.metadata["Content-Type"]
    assert [e.msgid for e in read] == [e.msgid for e in extract(sample)]  # wrapping and escapes survive


# -- translate ----------------------------------------------------------------


def shape(block: m.Block) -> tuple:
    """What a translation must not change: the kinds, nesting and number of texts of a block."""
    nested = getattr(block, "body", ())
    return (block.kind, len(m.block_texts(block)), tuple(shape(b) for b in nested if isinstance(b, m.Block)))


def test_round_trip_replaces_every_text_and_keeps_the_structure(sample, translated_po):
    path, _ = translated_po()
    french, warnings = translate(sample, path)
    assert warnings == []
    assert french.language == "fr"
    assert (french.title, french.subject) == (sample.title.upper(), sample.subject.upper())
    assert list(french.panels) == list(sample.panels)
    for name, panel in sample.panels.items():
        assert [shape(b) for b in french.panels[name].blocks] == [shape(b) for b in panel.blocks]
        assert french.panels[name].continues_to == panel.continues_to

    def texts(leaflet: m.Leaflet) -> list[m.Text]:
        return [t for panel in leaflet.panels.values() for b in panel.blocks if not isinstance(b, m.Clinic)
                for t in m.block_texts(b)]  # fmt: skip

    pairs = list(zip(texts(sample), texts(french), strict=True))
    assert all(new.source == shout(old.source) for old, new in pairs)
    (english,), (translated,) = (
        [b for b in x.panels["back"].blocks if isinstance(b, m.Clinic)] for x in (sample, french)
    )
    assert [label.source for label in translated.labels] == [shout(label) for label in m.CLINIC_LABELS.values()]
    assert translated.details == english.details  # a clinic's details are never translated
    assert all(new.plain == old.plain.upper() for old, new in pairs)
    assert all([s.link for s in new.spans] == [s.link for s in old.spans] for old, new in pairs)
    assert french.panels["inside-3"].blocks[2].body[1].url == "https://www.example.org"
    assert french.panels["inside-3"].blocks[1].src == sample.panels["inside-3"].blocks[1].src  # the same picture
    assert sample.texts()[0].source == "Visiting the town library"  # the English leaflet is untouched


def test_broken_markup_points_at_the_po_entry(sample, translated_po):
    def unclosed(found, po):
        found["inside-1/3.paragraph"].msgstr = "**" + found["inside-1/3.paragraph"].msgstr

    path, found = translated_po(unclosed)
    with pytest.raises(SourceError) as caught:
        translate(sample, path)
    assert caught.value.where.path == str(path)
    assert caught.value.where.line == found["inside-1/3.paragraph"].linenum
    assert "inside-1/3.paragraph" in caught.value.message
    assert "never closed" in caught.value.message


def test_changed_link_address_is_refused(sample, translated_po):
    context = "inside-3/2.section/body/0.paragraph"

    def moved(found, po):
        found[context].msgstr = found[context].msgstr.replace("https://www.example.org", "https://example.net")

    path, found = translated_po(moved)
    with pytest.raises(SourceError) as caught:
        translate(sample, path)
    assert caught.value.where.line == found[context].linenum
    assert "the English has the link https://www.example.org" in caught.value.message
    assert "keep [label](https://www.example.org) with the same address" in caught.value.message
    assert caught.value.exit_code == 2


def test_lost_bold_is_refused(tmp_path):
    source = tmp_path / "leaflet.yaml"
    source.write_text(
        'leaflet: {id: b, title: B, language: en}\npanels:\n  inside-1:\n    - paragraph: "Call **today** please"\n',
        encoding="utf-8",
    )
    leaflet = load(source)
    po = extract(leaflet)
    for entry in po:
        entry.msgstr = "Zadzwoń dziś proszę" if entry.msgctxt == "inside-1/0.paragraph" else entry.msgid
    path = tmp_path / "pl.po"
    write_po(po, path)
    with pytest.raises(SourceError, match="bold"):
        translate(leaflet, path)


def unfinished(found: dict[str, polib.POEntry], po: polib.POFile) -> None:
    """A fuzzy entry, an empty one, changed English, a string with no entry, and two obsolete entries."""
    found["inside-1/3.paragraph"].flags.append("fuzzy")
    found["flap/1.steps/1/title"].msgstr = ""
    found["inside-1/4.paragraph"].msgid = "An older English sentence."
    found["flap/1.steps/0/text"].msgctxt = "flap/1.steps/0/old"  # the text no longer has an entry...
    found["flap/1.steps/0/text"].obsolete = True  # ...and its old one is obsolete
    po.append(polib.POEntry(msgctxt="back/5.paragraph", msgid="Gone.", msgstr="PARTI.", obsolete=True))


def test_unfinished_translation_blocks_a_final_edition(sample, translated_po):
    path, found = translated_po(unfinished)
    line = {context: entry.linenum for context, entry in found.items()}
    with pytest.raises(TranslationError) as caught:
        translate(sample, path)
    problems = [str(problem) for problem in caught.value.diagnostics]
    assert caught.value.exit_code == 1
    steps_line = sample.panels["flap"].blocks[1].where.line
    assert f"{path}:{line['inside-1/3.paragraph']}:1: fuzzy entry 'inside-1/3.paragraph'" in str(caught.value)
    title = "flap/1.steps/1/title"
    assert f"{path}:{line[title]}:1: missing translation for '{title}'" in str(caught.value)
    assert f"missing translation for 'flap/1.steps/0/text' (sample.yaml:{steps_line})" in problems
    assert any(
        p.startswith(f"{path}:{line['inside-1/4.paragraph']}:1: missing translation for 'inside-1/4.paragraph'")
        and p.endswith("the English changed since this was translated")
        for p in problems
    )
    assert any(p.startswith(f"{path}:{line['flap/1.steps/0/old']}:1: obsolete entry") for p in problems)
    assert any(
        p.startswith(f"{path}:{line['back/5.paragraph']}:1: obsolete entry 'back/5.paragraph'") for p in problems
    )
    assert "--draft" in caught.value.hint and "DRAFT" in caught.value.hint
    assert len(problems) == 6  # fuzzy, three missing, two obsolete; the --draft hint comes separately


def test_draft_uses_fuzzy_entries_and_falls_back_to_english(sample, translated_po):
    path, _ = translated_po(unfinished)
    draft, said = translate(sample, path, draft=True)
    warnings = [str(warning) for warning in said]
    inside, flap = draft.panels["inside-1"].blocks, draft.panels["flap"].blocks
    assert inside[3].text.source == shout(sample.panels["inside-1"].blocks[3].text.source)  # fuzzy: used
    assert inside[4].text == sample.panels["inside-1"].blocks[4].text  # English changed: English
    assert flap[1].steps[0].body == sample.panels["flap"].blocks[1].steps[0].body  # missing: English
    assert flap[1].steps[1].title.source == "Borrow"  # empty msgstr: English
    assert not any(t.source == "PARTI." for t in draft.texts())  # obsolete: not used
    assert flap[1].steps[2].title.source == "RETURN"
    assert len(warnings) == 6
    assert sum("fuzzy entry 'inside-1/3.paragraph'" in w and "used" in w for w in warnings) == 1
    assert sum("missing translation" in w and "English is printed" in w for w in warnings) == 3
    assert sum("obsolete entry" in w and "ignored" in w for w in warnings) == 2


def test_a_broken_fuzzy_entry_is_still_refused(sample, translated_po):
    def broken(found, po):
        found["inside-1/3.paragraph"].flags.append("fuzzy")
        found["inside-1/3.paragraph"].msgstr = "SEE [THE SITE"

    path, _ = translated_po(broken)
    with pytest.raises(SourceError, match="does not start a link"):
        translate(sample, path, draft=True)


def test_po_syntax_error_gives_file_and_line(sample, translated_po):
    path, _ = translated_po()
    lines = path.read_text(encoding="utf-8").splitlines()
    bad = next(i for i, text in enumerate(lines) if text.startswith("msgstr") and i > 20)
    lines[bad] = 'msgstr "an "unescaped" quote"'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        translate(sample, path)
    assert (caught.value.where.path, caught.value.where.line) == (str(path), bad + 1)
    assert "double quote" in caught.value.message


def test_unreadable_po_file_is_a_source_error(sample, tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        translate(sample, tmp_path / "missing.po")
    latin = tmp_path / "latin.po"
    latin.write_bytes('msgid "caf\xe9"\nmsgstr ""\n'.encode("latin-1"))
    with pytest.raises(SourceError, match="UTF-8"):
        translate(sample, latin)


def test_duplicate_context_is_refused(sample, translated_po):
    def doubled(found, po):
        found["flap/0.heading"].msgctxt = "inside-1/1.heading"
        found["flap/0.heading"].msgid = found["inside-1/1.heading"].msgid

    path, found = translated_po(doubled)
    with pytest.raises(SourceError, match="a second entry for 'inside-1/1.heading'"):
        translate(sample, path)


def test_english_changed_in_the_yaml_counts_as_missing(sample, translated_po):
    path, _ = translated_po()
    heading = sample.panels["flap"].blocks[0]
    edited = replace(heading, text=parse_inline("A visit has four steps"))
    changed = replace(sample, panels={**sample.panels, "flap": replace(sample.panels["flap"], blocks=(edited,))})
    with pytest.raises(TranslationError, match="'flap/0.heading'.*the English changed"):
        translate(changed, path)


def test_empty_po_file_is_a_source_error(sample, tmp_path):
    empty = tmp_path / "empty.po"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(SourceError, match="no entries"):
        translate(sample, empty)


def test_gettext_language_becomes_bcp47_and_stray_entries_hold_a_final_edition_back(sample, translated_po):
    def regional(found, po):
        po.metadata["Language"] = "pt_BR"
        po.append(polib.POEntry(msgctxt="inside-1/9.paragraph", msgid="Extra.", msgstr="EXTRA."))

    path, found = translated_po(regional)
    stale = f"{path}:{found['inside-1/9.paragraph'].linenum}:1: entry 'inside-1/9.paragraph' matches no text"
    with pytest.raises(TranslationError) as caught:
        translate(sample, path)
    assert [str(problem) for problem in caught.value.diagnostics] == [stale + " (a stale entry): delete it"]
    assert [problem.code for problem in caught.value.diagnostics] == ["stale-entry"]
    brazilian, warnings = translate(sample, path, draft=True)
    assert brazilian.language == "pt-BR"
    assert [str(warning) for warning in warnings] == [stale + " (a stale entry): delete it; ignored"]


def test_po_without_language_or_for_another_leaflet_is_warned_about(sample, translated_po):
    def unlabelled(found, po):
        po.metadata["Language"] = ""
        po.metadata["Project-Id-Version"] = "another-leaflet"

    path, _ = translated_po(unlabelled)
    translated, said = translate(sample, path)
    warnings = [str(warning) for warning in said]
    assert {warning.code for warning in said} == {"no-language", "other-leaflet"}
    assert translated.language == "en-GB"
    assert any("no Language" in w for w in warnings)
    assert any("made for 'another-leaflet', not 'town-library'" in w for w in warnings)


def test_a_translation_spelt_with_combining_marks_matches_and_is_read_composed(tmp_path):
    source = tmp_path / "leaflet.yaml"
    source.write_text(
        "leaflet: {id: t, title: Café, language: en-GB}\npanels:\n  front:\n    - heading: Our café\n",
        encoding="utf-8",
    )
    english = load(source)
    po = extract(english)
    po.metadata["Language"] = "fr"
    for entry in po:  # as a Mac editor may save them: every accent a letter and a combining mark
        entry.msgstr = unicodedata.normalize("NFD", {"Café": "Café", "Our café": "Notre café à côté"}[entry.msgid])
        entry.msgid = unicodedata.normalize("NFD", entry.msgid)
    write_po(po, tmp_path / "fr.po")
    leaflet, notes = translate(english, tmp_path / "fr.po")
    assert not notes
    assert leaflet.title == "Café" and leaflet.panels["front"].blocks[0].text.plain == "Notre café à côté"
