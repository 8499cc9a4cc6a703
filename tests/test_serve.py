"""`leaflet serve`: the page for clinic staff, driven over HTTP and in a real browser (Debian's chromium).

The server runs as its own process, as staff start it, on a copy of the test leaflet with two
final translations (Polish, Arabic) and a draft one (French). The browser tests skip, saying why,
where chromium or Playwright is missing; CI installs both.
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import zipfile

import polib
import pypdf
import pytest

from .conftest import SAMPLE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("site")
    shutil.copytree(SAMPLE.parent, folder, dirs_exist_ok=True)
    draft = polib.pofile(str(folder / "translations" / "fr.po"))
    draft[3].flags.append("fuzzy")
    draft.save(str(folder / "translations" / "fr.po"))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "leaflet", "serve", str(folder), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.1)
    else:
        server.kill()
        pytest.fail(f"leaflet serve did not start: {server.stdout.read() if server.stdout else ''}")
    yield folder, f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


def request(url: str, method: str = "GET", body: object = None, headers: dict[str, str] | None = None):
    """(status, headers, body bytes) of a request; errors are answers too."""
    data = json.dumps(body).encode() if body is not None and not isinstance(body, bytes) else body
    sent = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(sent, timeout=60) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def put_clinic(base: str, ident: str, body: object, origin: str | None = None, kind: str = "application/json"):
    headers = {"Content-Type": kind, "Origin": origin or base}
    return request(f"{base}/api/clinics/{ident}", "PUT", body, headers)


RIVERSIDE = {"name": "Riverside Talking Therapies", "address": ["12 Mill Lane", "Townsville"], "phone": "01234 567890"}


def test_leaflets_list_their_editions_final_first_and_say_which_are_drafts(site):
    _, base = site
    status, headers, body = request(f"{base}/api/leaflets")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    (leaflet,) = json.loads(body)
    assert leaflet["id"] == "town-library" and leaflet["title"] == "Visiting the town library"
    statuses = {e["lang"]: e["status"] for e in leaflet["editions"]}
    assert statuses == {"": "final", "pl": "final", "ar": "final", "fr": "draft"}
    assert [e["status"] for e in leaflet["editions"]] == ["final", "final", "final", "draft"]


def test_a_clinic_is_saved_as_a_yaml_file_then_updated(site):
    folder, base = site
    status, _, body = put_clinic(base, "riverside-test", RIVERSIDE)
    assert status == 201 and json.loads(body)["name"] == "Riverside Talking Therapies"
    assert "12 Mill Lane" in (folder / "clinics" / "riverside-test.yaml").read_text(encoding="utf-8")
    assert put_clinic(base, "riverside-test", RIVERSIDE | {"hours": "Monday to Friday"})[0] == 200
    _, _, listed = request(f"{base}/api/clinics")
    assert {"id": "riverside-test", **RIVERSIDE, "hours": "Monday to Friday"} in json.loads(listed)


def test_a_translation_file_not_named_with_a_language_code_is_listed_as_unusable_and_left_out_of_the_zip(site):
    folder, base = site
    misnamed = folder / "translations" / "pl_PL.po"
    misnamed.write_bytes((folder / "translations" / "pl.po").read_bytes())
    try:
        _, _, body = request(f"{base}/api/leaflets")
        editions = {e["lang"]: e for e in json.loads(body)[0]["editions"]}
        assert editions["pl_PL"]["status"] == "unusable" and "rename it" in editions["pl_PL"]["why"]
        status, _, zipped = request(f"{base}/leaflets/town-library.zip")
        names = zipfile.ZipFile(io.BytesIO(zipped)).namelist()
        assert status == 200 and names and not any("pl_PL" in name for name in names)
    finally:
        misnamed.unlink()


def test_a_translation_into_a_language_no_edition_can_be_set_in_is_listed_as_unusable(site):
    folder, base = site
    klingon = folder / "translations" / "tlh.po"
    klingon.write_text(
        (folder / "translations" / "pl.po").read_text(encoding="utf-8").replace("Language: pl", "Language: tlh")
    )
    try:
        _, _, body = request(f"{base}/api/leaflets")
        editions = {e["lang"]: e for e in json.loads(body)[0]["editions"]}
        assert editions["tlh"]["status"] == "unusable" and "no script is known" in editions["tlh"]["why"]
    finally:
        klingon.unlink()


def test_an_edition_that_cannot_be_made_is_left_out_of_the_zip_and_named_in_it(site):
    folder, base = site
    po = polib.pofile(str(folder / "translations" / "pl.po"))
    po.metadata["Language"] = "de"
    for entry in po:
        if entry.msgctxt.endswith("paragraph") and not any(mark in entry.msgid for mark in "*[0123456789"):
            entry.msgstr += " słowo" * 120  # far too long for its panels: it overflows
    po.save(str(folder / "translations" / "de.po"))
    try:
        status, _, zipped = request(f"{base}/leaflets/town-library.zip")
        archive = zipfile.ZipFile(io.BytesIO(zipped))
        assert status == 200 and "town-library.pl.pdf" in archive.namelist()
        assert not any(".de." in name for name in archive.namelist())
        note = archive.read("NOT INCLUDED.txt").decode()
        assert note.count("de: ") == 1 and "overflows" in note
        assert str(folder) not in note and "sample.yaml:" in note  # named as in the served folder
    finally:
        (folder / "translations" / "de.po").unlink()


def test_a_clinic_that_cannot_be_saved_gets_a_message_not_a_crash(site):
    folder, base = site
    (folder / "clinics" / "blocked.yaml").mkdir(parents=True)
    status, _, body = put_clinic(base, "blocked", RIVERSIDE)
    assert status == 409 and "is a folder; save the clinic under another name" in json.loads(body)["error"]
    assert (folder / "clinics" / "blocked.yaml").is_dir()
    (folder / "clinics" / "blocked.yaml").rmdir()
    (folder / "clinics").rename(folder / "clinics.aside")
    (folder / "clinics").write_text("not a folder")
    try:
        status, _, body = put_clinic(base, "riverside", RIVERSIDE)
        assert status == 500 and "could not be saved" in json.loads(body)["error"]
    finally:
        (folder / "clinics").unlink()
        (folder / "clinics.aside").rename(folder / "clinics")


def test_invalid_clinic_fields_get_a_message_each(site):
    _, base = site
    status, _, body = put_clinic(base, "bad", {"name": "", "address": ["x"], "phone": "ring us", "email": "nobody"})
    assert status == 422
    fields = json.loads(body)["fields"]
    assert set(fields) == {"name", "phone", "email"} and fields["phone"].startswith("Must be a telephone number")
    assert fields["name"] == "Please fill this in."


@pytest.mark.parametrize(
    ("origin", "kind", "status"),
    [("http://evil.example", "application/json", 403), ("null", "application/json", 403),
     (None, "text/plain", 415)],
)  # fmt: skip
def test_changes_from_another_site_or_not_in_json_are_refused(site, origin, kind, status):
    folder, base = site
    assert put_clinic(base, "intruder", RIVERSIDE, origin=origin, kind=kind)[0] == status
    assert not (folder / "clinics" / "intruder.yaml").exists()


def test_a_request_for_another_host_name_is_refused(site):
    _, base = site
    assert request(f"{base}/api/leaflets", headers={"Host": "attacker.example:8000"})[0] == 421


@pytest.mark.parametrize("ident", ["..%2Fcontent", "UPPER", "a" * 70])
def test_ids_are_plain_names_never_paths(site, ident):
    _, base = site
    assert put_clinic(base, ident, RIVERSIDE)[0] in (400, 404, 405)
    assert request(f"{base}/leaflets/{ident}.pdf")[0] in (400, 404)


def test_json_nested_thousands_deep_is_refused_not_a_server_error(site):
    folder, base = site
    status, _, body = put_clinic(base, "deep", b"[" * 15_000)
    assert status == 400 and "nested too deeply" in json.loads(body)["error"]
    status, _, body = put_clinic(base, "deep", b'{"name": ' + b"[" * 5_000 + b"]" * 5_000 + b"}")
    assert status == 400 and not (folder / "clinics" / "deep.yaml").exists()


def test_an_address_or_method_the_server_does_not_have_is_answered_in_json(site):
    _, base = site
    status, headers, body = request(f"{base}/nothing-here")
    assert status == 404 and headers["Content-Type"] == "application/json" and json.loads(body)["error"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, headers, body = request(f"{base}/api/clinics/riverside", "DELETE")
    assert status == 405 and headers["Allow"] == "PUT" and "DELETE" in json.loads(body)["error"]


def test_host_names_and_media_types_are_read_without_regard_to_case(site):
    folder, base = site
    port = base.rsplit(":", 1)[1]
    headers = {"Host": f"LOCALHOST:{port}", "Origin": f"http://LocalHost:{port}", "Content-Type": "Application/JSON"}
    status, _, _ = request(f"{base}/api/clinics/cased", "PUT", RIVERSIDE, headers)
    assert status in (200, 201) and (folder / "clinics" / "cased.yaml").is_file()
    (folder / "clinics" / "cased.yaml").unlink()


def test_a_port_in_use_is_said_before_the_page_is_offered(site):
    _, base = site
    port = base.rsplit(":", 1)[1]
    done = subprocess.run(
        [sys.executable, "-m", "leaflet", "serve", str(SAMPLE.parent), "--port", port],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2 and "open http" not in done.stdout
    assert f"port {port} is in use" in done.stderr and "Traceback" not in done.stderr


def test_half_a_character_pair_is_refused_by_its_field(site):
    _, base = site
    status, _, body = put_clinic(base, "odd", b'{"name": "Clinic \\ud800", "address": ["x"], "phone": "0123"}')
    assert status == 422 and "lone surrogate" in json.loads(body)["fields"]["name"]


def test_a_body_too_large_is_refused(site):
    _, base = site
    assert put_clinic(base, "big", {"name": "x" * 20_000, "address": ["x"], "phone": "0123"})[0] == 413


def test_the_pdf_of_a_final_edition_carries_the_clinic(site):
    _, base = site
    put_clinic(base, "riverside-test", RIVERSIDE)
    status, headers, body = request(f"{base}/leaflets/town-library.pdf?lang=pl&clinic=riverside-test&paper=letter")
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    assert "town-library.pl.clinic-riverside-test.letter.pdf" in headers["Content-Disposition"]
    pdf = pypdf.PdfReader(io.BytesIO(body))
    assert pdf.metadata.author == "Riverside Talking Therapies"
    assert round(float(pdf.pages[0].mediabox.width)) == 792  # US Letter, landscape


def test_a_draft_edition_is_refused_unless_asked_for(site):
    _, base = site
    status, _, body = request(f"{base}/leaflets/town-library.pdf?lang=fr")
    assert status == 409 and "draft" in json.loads(body)["error"]
    status, _, body = request(f"{base}/leaflets/town-library.pdf?lang=fr&draft=1")
    assert status == 200 and "DRAFT" in pypdf.PdfReader(io.BytesIO(body)).pages[0].extract_text()


def test_a_preview_is_a_picture_of_each_side(site):
    _, base = site
    for page in ("1", "2"):
        status, headers, body = request(f"{base}/leaflets/town-library.png?lang=ar&page={page}")
        assert status == 200 and headers["Content-Type"] == "image/png" and body[:8] == b"\x89PNG\r\n\x1a\n"
    assert request(f"{base}/leaflets/town-library.png?page=3")[0] == 400


def test_only_a_draft_translation_is_previewed_with_draft_bands(site):
    _, base = site
    final = request(f"{base}/leaflets/town-library.png?lang=pl&page=1")[2]
    draft = request(f"{base}/leaflets/town-library.png?lang=fr&page=1")[2]
    from PIL import Image

    def red(png: bytes) -> int:
        pixels = Image.open(io.BytesIO(png)).convert("RGB").tobytes()
        return sum(1 for i in range(0, len(pixels), 3) if pixels[i] > 180 and pixels[i + 1] < 80 and pixels[i + 2] < 80)

    assert red(final) == 0 and red(draft) > 500


def test_the_zip_holds_every_final_edition_for_the_clinic(site):
    _, base = site
    put_clinic(base, "riverside-test", RIVERSIDE)
    status, _, body = request(f"{base}/leaflets/town-library.zip?clinic=riverside-test")
    assert status == 200
    names = sorted(zipfile.ZipFile(io.BytesIO(body)).namelist())
    editions = ("town-library.ar", "town-library", "town-library.pl")
    assert names == [f"{name}.clinic-riverside-test.pdf" for name in editions]


# -- in a real browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (Debian's chromium package; .ci/run installs it)")
    playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


def test_staff_save_their_clinic_choose_a_language_and_download_the_pdf(site, browser, tmp_path):
    from playwright.sync_api import expect

    folder, base = site
    page = browser.new_page(accept_downloads=True)
    page.goto(base + "/")
    expect(page.locator("#status")).to_contain_text("Ready", timeout=30_000)
    page.get_by_role("button", name="Add or change a clinic").click()
    page.get_by_label("Clinic name").fill("Hillside Wellbeing Service")
    page.get_by_label("Address (one line each)").fill("3 Hill Road\nTownsville TV2 9ZZ")
    page.get_by_label("Telephone").fill("01234 999888")
    page.get_by_label("Email (optional)").fill("not an address")
    page.get_by_role("button", name="Save clinic").click()
    expect(page.locator("#c-email-error")).to_contain_text("Must be an address")
    expect(page.get_by_label("Email (optional)")).to_be_focused()
    page.get_by_label("Email (optional)").fill("hillside@example.nhs.uk")
    page.get_by_role("button", name="Save clinic").click()
    expect(page.locator("#clinic")).to_have_value("hillside-wellbeing-service")
    assert (folder / "clinics" / "hillside-wellbeing-service.yaml").exists()
    page.get_by_label("Language").select_option("pl")
    expect(page.locator("#status")).to_contain_text("Ready to download", timeout=30_000)
    with page.expect_download() as caught:
        page.get_by_role("link", name="Download the PDF").click()
    download = caught.value
    assert download.suggested_filename == "town-library.pl.clinic-hillside-wellbeing-service.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(saved).pages)
    assert "Hillside Wellbeing Service" in text and "3 Hill Road" in text and "Telefon" in text
    assert page.locator("#side-1").evaluate("img => img.naturalWidth") > 500
    page.close()


def test_drafts_are_listed_only_when_asked_for_and_marked(site, browser):
    from playwright.sync_api import expect

    _, base = site
    page = browser.new_page()
    page.goto(base + "/")
    expect(page.locator("#lang option")).to_have_count(3)
    page.get_by_label("Also show draft translations (not for patients)").check()
    expect(page.locator("#lang option")).to_have_count(4)
    expect(page.locator("#lang option[value=fr]")).to_contain_text("DRAFT, not for patients")
    page.close()


def test_a_page_on_another_site_cannot_save_a_clinic(site, browser, tmp_path):
    folder, base = site
    (tmp_path / "evil.html").write_text(
        "<script>fetch('" + base + "/api/clinics/evil', {method: 'PUT', mode: 'no-cors', "
        "headers: {'Content-Type': 'text/plain'}, body: JSON.stringify({name: 'Evil', address: ['x'], phone: '0123'})})"
        ".finally(() => document.title = 'sent')</script>",
        encoding="utf-8",
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        page.goto(f"http://localhost:{other.server_address[1]}/evil.html")
        page.wait_for_function("document.title === 'sent'", timeout=10_000)
        page.close()
    finally:
        other.shutdown()
    assert not (folder / "clinics" / "evil.yaml").exists()
