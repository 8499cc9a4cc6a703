"""`leaflet serve`: a page in the browser where clinic staff pick a leaflet, a language, the paper
and their clinic, see both sides, and download or print the PDF.

A thin edge over the same pipeline as the command line (`build.make`); ReportLab work runs in
worker processes, so concurrent requests are safe and a slow build does not hold up the page.
The page is served from the package (no framework or font is fetched from the internet).

A page on localhost can be reached by any website the user visits, so: a request whose Host
is not the served host is refused (DNS rebinding); a request that changes something must say
it comes from the page itself (its Origin) and send JSON; ids are plain names, never paths;
bodies and fields have size limits; and binding to anything but localhost needs `--host`.
"""

from __future__ import annotations

import errno
import io
import json
import multiprocessing
import os
import re
import socket
import threading
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from . import geometry
from .build import Options, make, output_name
from .errors import LeafletError, SourceError, UsageError
from .languages import is_language_tag
from .outputs import CLINIC_FILE, write_atomically

PAGE = Path(__file__).resolve().parent / "web"
ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
"""A leaflet's or clinic's id in a URL: a plain name, so it can never name a path."""
MAX_BODY_BYTES = 16_000
CLINIC_KEYS = ("name", "address", "phone", "email", "website", "hours")
WORKERS = 2


@dataclass
class Site:
    """What the server serves: the leaflets in a folder, its clinics folder, and where it listens."""

    folder: Path
    host: str
    port: int
    pool: ProcessPoolExecutor = field(init=False)

    def __post_init__(self) -> None:
        self.folder = self.folder.resolve()
        # spawned, not forked: a worker holds neither the listening socket nor its siblings' pipes,
        # and it watches the server, ending with it however the server is stopped
        context = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(
            max_workers=WORKERS, mp_context=context, initializer=_watch_server, initargs=(os.getpid(),)
        )

    def start_workers(self) -> None:
        """Start the workers now (fonts and imports loaded), before the server listens."""
        for future in [self.pool.submit(_warm) for _ in range(WORKERS)]:
            future.result()

    @property
    def clinics(self) -> Path:
        return self.folder / "clinics"

    @property
    def hosts(self) -> set[str]:
        names = {self.host, "localhost", "127.0.0.1", "[::1]"} if self.host in LOCAL else {self.host}
        return {f"{name}:{self.port}" for name in names} | (names if self.port == 80 else set())

    def leaflets(self) -> dict[str, Path]:
        """Leaflet id -> its YAML file: every file in the folder that reads as a leaflet."""
        from .content import load

        found = {}
        for path in sorted(self.folder.glob("*.yaml")):
            try:
                found.setdefault(load(path).id, path)
            except LeafletError:
                continue  # a clinic, printer or layout file, or a leaflet with a mistake in it
        return found


LOCAL = ("127.0.0.1", "localhost", "::1")


def editions(source: Path) -> list[dict[str, str]]:
    """The leaflet's editions: its own language, then each translation, final or draft (with why)."""
    from .content import load

    leaflet = load(source)
    found = [{"lang": "", "name": _language_name(leaflet.language), "status": "final", "code": leaflet.language}]
    for po in sorted((source.parent / "translations").glob("*.po")):
        if not is_language_tag(po.stem):  # pl_PL.po: --lang cannot name it, so no edition can be made from it
            why = f"{po.name} is not named with a language code (such as pl.po or pt-BR.po): rename it"
            found.append({"lang": po.stem, "name": po.stem, "code": po.stem, "status": "unusable", "why": why})
            continue
        found.append({"lang": po.stem, "name": _language_name(po.stem), "code": po.stem, **_status(leaflet, po)})
    return sorted(found, key=lambda entry: (entry["status"] != "final", entry["lang"] != "", entry["name"]))


def draft_reason(source: Path, lang: str) -> str | None:
    """Why the translation into `lang` is only a draft, or None when it is final: only its own PO is read."""
    from .content import load

    status = _status(load(source), source.parent / "translations" / f"{lang}.po")
    return status.get("why", "") if status["status"] == "draft" else None


def _status(leaflet, po: Path) -> dict[str, str]:
    """'final', 'draft' with why, or 'unusable' with why: a language no edition can be set in
    (no script or font for it) cannot be built even as a draft."""
    from .languages import script_for
    from .translation import translate

    try:
        script_for(po.stem)
    except LeafletError as error:
        return {"status": "unusable", "why": error.message}
    try:
        translate(leaflet, po)
    except LeafletError as error:
        return {"status": "draft", "why": str(error.diagnostics[0])}
    return {"status": "final"}


def _language_name(code: str) -> str:
    import icu

    tag = code.replace("_", "-")
    own = icu.Locale.forLanguageTag(tag)
    english, native = own.getDisplayName(icu.Locale("en")), own.getDisplayName(own)
    return f"{english} ({native})" if native and native != english else english or code


# -- the work done in worker processes -----------------------------------------------------------


def _watch_server(server: int) -> None:
    """In a worker: end as soon as the server that started it has gone (killed, crashed or stopped)."""

    def watch() -> None:
        while os.getppid() == server:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _warm() -> None:
    """Load what every build needs, so that the first request is as quick as the next."""
    from .render.fonts import Fonts

    Fonts().font_name("regular")


def _pdf(source: str, options: Options) -> tuple[bytes | None, str]:
    """The PDF, or why not: said with file names relative to the served folder, which is all the
    page's user knows of the server (and all a visitor on the network should learn of it)."""
    try:
        edition = make(Path(source), options)
    except LeafletError as error:
        problem = str(error)
    else:
        if not edition.errors:
            return edition.pdf, ""
        problem = "\n".join(str(finding) for finding in edition.errors)
    return None, problem.replace(f"{Path(source).parent}{os.sep}", "")


def _png(source: str, options: Options, page: int) -> tuple[bytes | None, str]:
    import pypdfium2

    pdf, problem = _pdf(source, options)
    if pdf is None:
        return None, problem
    document = pypdfium2.PdfDocument(pdf)
    picture = document[page - 1].render(scale=1.4).to_pil()
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue(), ""


def _zip(source: str, options: Options, langs: list[str]) -> tuple[bytes | None, str]:
    from .content import load

    """Every edition that can be made, in one zip; one that cannot (it overflows on this paper) is left
    out and said in a text file inside, so the others still reach the clinic. None only if none can be made."""
    leaflet = load(Path(source))
    buffer = io.BytesIO()
    left_out = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for lang in langs:
            edition_options = replace(options, lang=lang or None)
            pdf, problem = _pdf(source, edition_options)
            if pdf is None:
                left_out.append(f"{lang or leaflet.language}: {problem}")
                continue
            archive.writestr(output_name(leaflet.id, edition_options, leaflet), pdf)
        if left_out and len(left_out) < len(langs):
            note = "These editions could not be made, so they are not in this zip:\n\n" + "\n\n".join(left_out)
            archive.writestr(LEFT_OUT_NOTE, note + "\n")
    if len(left_out) == len(langs):
        return None, "; ".join(left_out)
    return buffer.getvalue(), ""


LEFT_OUT_NOTE = "NOT INCLUDED.txt"
"""The file in a zip that names the editions left out of it, and why."""


# -- the web application -------------------------------------------------------------------------


def application(site: Site):  # noqa: C901 - the routes read best side by side
    """The Starlette app: the page, its JSON API and the PDFs and pictures."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.exceptions import HTTPException
    from starlette.requests import ClientDisconnect, Request
    from starlette.responses import FileResponse, JSONResponse, Response
    from starlette.routing import Route

    from .content import load

    def problem(status: int, message: str, **extra: Any) -> JSONResponse:
        return JSONResponse({"error": message, **extra}, status_code=status)

    async def guarded(request: Request, handler):
        if request.headers.get("host", "").lower() not in site.hosts:  # host names have no case
            return guard_headers(problem(421, "this server answers only to its own address; open the page from it"))
        if request.method not in ("GET", "HEAD"):
            origin = request.headers.get("origin", "").lower()
            if origin not in {f"http://{host}" for host in site.hosts}:
                return guard_headers(problem(403, "changes are accepted only from the leaflet page itself"))
            if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
                return guard_headers(problem(415, "send the clinic as JSON"))
        return guard_headers(await handler(request))

    def guard_headers(response: Response) -> Response:
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    async def no_route(request: Request, error: Exception) -> Response:
        """An address or method the server does not have: said in JSON like every other refusal."""
        status = error.status_code if isinstance(error, HTTPException) else 404
        said = {404: "nothing here; the leaflet page is at /", 405: f"{request.method} is not answered here"}
        response = problem(status, said.get(status, "this request cannot be answered"))
        if isinstance(error, HTTPException) and error.headers:
            response.headers.update(error.headers)  # a 405 says which methods are allowed
        return guard_headers(response)

    def route(path: str, handler, methods=("GET",)) -> Route:
        async def endpoint(request: Request):
            return await guarded(request, handler)

        return Route(path, endpoint, methods=list(methods))

    async def page(request: Request):
        response = FileResponse(PAGE / "index.html", media_type="text/html; charset=utf-8")
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; object-src 'none'; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        )
        return response

    async def asset(request: Request):
        name = request.path_params["name"]
        if name not in ("app.js", "style.css"):
            return problem(404, "no such file")
        kind = "text/javascript" if name.endswith(".js") else "text/css"
        return FileResponse(PAGE / name, media_type=f"{kind}; charset=utf-8")

    async def leaflets(request: Request):
        def listing() -> list[dict[str, Any]]:
            return [
                {"id": ident, "title": load(path).title, "editions": editions(path)}
                for ident, path in site.leaflets().items()
            ]

        return JSONResponse(await run_in_threadpool(listing))

    async def clinics(request: Request):
        return JSONResponse(await run_in_threadpool(_saved_clinics, site.clinics))

    async def save_clinic(request: Request):
        ident = request.path_params["ident"]
        if not ID.fullmatch(ident):
            return problem(400, "a clinic's id is a plain name: lower-case letters, digits and dashes")
        body = b""
        try:
            async for chunk in request.stream():  # never more than the limit in memory, however much is sent
                body += chunk
                if len(body) > MAX_BODY_BYTES:
                    return problem(413, "a clinic's details are a few lines; this is too much")
        except ClientDisconnect:  # the page was closed while it sent: nothing is saved, no one to tell
            return problem(400, "the clinic was not sent whole; nothing was saved")
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):  # nested thousands deep, json gives up with a RecursionError
            return problem(400, "the body is not JSON, or is nested too deeply: send the clinic as one flat object")
        if not isinstance(data, dict):
            return problem(422, "send the clinic as an object", fields={})
        fields = clinic_problems(data)
        if fields:
            return problem(422, "some details need correcting", fields=fields)
        path = site.clinics / f"{ident}.yaml"
        existed = path.exists()
        clean = {key: data[key] for key in CLINIC_KEYS if data.get(key)}
        text = yaml.safe_dump({"clinic": clean}, allow_unicode=True, sort_keys=False)
        text = "# saved from the leaflet page\n" + text
        if path.is_dir():
            return problem(409, f"clinics/{ident}.yaml on the server is a folder; save the clinic under another name")
        try:
            await run_in_threadpool(write_atomically, path, text.encode("utf-8"), CLINIC_FILE)
        except LeafletError as error:  # the clinics folder cannot take it (read-only, not a folder)
            return problem(500, f"the clinic could not be saved on the server: {error.message}")
        return JSONResponse({"id": ident, **clean}, status_code=200 if existed else 201)

    def options_from(request: Request, ident: str) -> tuple[Path, Options] | JSONResponse:
        source = site.leaflets().get(ident) if ID.fullmatch(ident) else None
        if source is None:
            return problem(404, f"no leaflet {ident!r} here")
        query = request.query_params
        lang = query.get("lang", "") or None
        if lang is not None and not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}", lang):
            return problem(400, "lang is a language code such as pl or zh-Hans")
        if lang and not (source.parent / "translations" / f"{lang}.po").is_file():
            return problem(404, f"no {lang} translation of this leaflet")
        paper = query.get("paper", "") or None
        target = query.get("target", "") or None
        if paper not in (None, *geometry.PAPERS) or target not in (None, *geometry.TARGETS):
            return problem(400, f"paper is one of {', '.join(geometry.PAPERS)}; target one of office, press")
        clinic = query.get("clinic", "") or None
        clinic_path = None
        if clinic is not None:
            if not ID.fullmatch(clinic) or not (site.clinics / f"{clinic}.yaml").is_file():
                return problem(404, f"no saved clinic {clinic!r}")
            clinic_path = site.clinics / f"{clinic}.yaml"
        draft = query.get("draft", "") in ("1", "true")
        return source, Options(paper=paper, target=target, lang=lang, draft=draft, clinic=clinic_path)

    async def draft_refused(source: Path, options: Options) -> JSONResponse | None:
        if not options.lang or options.draft:
            return None
        why = await run_in_threadpool(draft_reason, source, options.lang)
        return None if why is None else problem(409, f"the {options.lang} translation is a draft: {why}", draft=True)

    async def in_worker(function, *args) -> tuple[bytes | None, str]:
        import asyncio

        return await asyncio.get_running_loop().run_in_executor(site.pool, function, *args)

    async def pdf(request: Request):
        found = options_from(request, request.path_params["ident"])
        if isinstance(found, Response):
            return found
        source, options = found
        if refused := await draft_refused(source, options):
            return refused
        data, why = await in_worker(_pdf, str(source), options)
        if data is None:
            return problem(422, why)
        name = output_name(request.path_params["ident"], options, await run_in_threadpool(load, source))
        headers = {"Content-Disposition": f'inline; filename="{name}"'}
        return Response(data, media_type="application/pdf", headers=headers)

    async def png(request: Request):
        found = options_from(request, request.path_params["ident"])
        if isinstance(found, Response):
            return found
        source, options = found
        page_number = request.query_params.get("page", "1")
        if page_number not in ("1", "2"):
            return problem(400, "page is 1 (outside) or 2 (inside)")
        # a draft translation is shown with its DRAFT bands, as it would print; a checked one without
        is_draft = bool(options.lang) and await draft_refused(source, replace(options, draft=False)) is not None
        data, why = await in_worker(_png, str(source), replace(options, draft=is_draft), int(page_number))
        if data is None:
            return problem(422, why)
        return Response(data, media_type="image/png", headers={"Cache-Control": "no-store"})

    async def bundle(request: Request):
        found = options_from(request, request.path_params["ident"])
        if isinstance(found, Response):
            return found
        source, options = found
        finals = [e["lang"] for e in await run_in_threadpool(editions, source) if e["status"] == "final"]
        data, why = await in_worker(_zip, str(source), options, finals)
        if data is None:
            return problem(422, why)
        leaflet = await run_in_threadpool(load, source)
        name = output_name(request.path_params["ident"], replace(options, lang=None), leaflet).removesuffix(".pdf")
        headers = {"Content-Disposition": f'attachment; filename="{name}.all-languages.zip"'}
        return Response(data, media_type="application/zip", headers=headers)

    routes = [
        route("/", page),
        route("/static/{name}", asset),
        route("/api/leaflets", leaflets),
        route("/api/clinics", clinics),
        route("/api/clinics/{ident}", save_clinic, methods=("PUT",)),
        route("/leaflets/{ident}.pdf", pdf),
        route("/leaflets/{ident}.png", png),
        route("/leaflets/{ident}.zip", bundle),
    ]
    return Starlette(routes=routes, exception_handlers={HTTPException: no_route})


def _saved_clinics(folder: Path) -> list[dict[str, Any]]:
    from .clinic import load_clinic

    found = []
    for path in sorted(folder.glob("*.yaml")):
        if not ID.fullmatch(path.stem):
            continue
        try:
            details = load_clinic(path)
        except LeafletError:
            continue
        values = {key: getattr(details, key) for key in CLINIC_KEYS}
        found.append({"id": path.stem, **{k: list(v) if k == "address" else v for k, v in values.items() if v}})
    return found


def clinic_problems(data: dict[str, Any]) -> dict[str, str]:
    """A message per field that is wrong, checked by the same rules as a clinic file."""
    from .content import _Reader, compose
    from .markup import invisible_character

    problems: dict[str, str] = {}
    unknown = [key for key in data if key not in CLINIC_KEYS]
    for key in unknown:
        problems[key] = f"unknown field; the fields are {', '.join(CLINIC_KEYS)}"
    placeholder = {"name": "x", "address": ["x"], "phone": "0123"}
    for key in CLINIC_KEYS:
        value = data.get(key)
        if value in (None, "", []):
            if key in placeholder:
                problems[key] = "Please fill this in."
            continue
        if key == "address" and isinstance(value, str):
            value = [line for line in value.splitlines() if line.strip()]
        lines = value if isinstance(value, list) else [value]
        if not all(isinstance(line, str) for line in lines):
            problems[key] = "must be text"
            continue
        odd = next(filter(None, map(invisible_character, lines)), None)
        if odd:  # said before the YAML round trip below, which cannot carry half a character
            problems[key] = odd[:1].upper() + odd[1:]
            continue
        trial = {**placeholder, key: value}
        try:
            node = compose(yaml.safe_dump({"clinic": trial}), Path(f"{key}"), "a clinic", "", "{what}")
            _Reader(key, Path.cwd()).clinic_details(node.value[0][1])
        except SourceError as error:  # said for the page: "Must be a telephone number ...", not "'phone' must be"
            said = error.message.replace(f"'{key}' ", "", 1)
            problems[key] = said[:1].upper() + said[1:]
        except LeafletError as error:
            problems[key] = str(error)
    if "address" in data and isinstance(data["address"], str):
        data["address"] = [line.strip() for line in data["address"].splitlines() if line.strip()]
    return problems


def listen(host: str, port: int) -> socket.socket:
    """The server's socket, bound before anything is said: a port in use or a host name this
    computer does not have is a message saying what to do, not a server error after 'open ...'."""
    try:
        family, kind, protocol, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError):
        raise UsageError(
            f"--host {host} is not an address of this computer; leave --host out (this computer only), "
            "or give 0.0.0.0 to serve the whole network"
        ) from None
    listener = socket.socket(family, kind, protocol)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart need not wait for the old one
    try:
        listener.bind(address)
    except OSError as error:
        listener.close()
        if error.errno == errno.EADDRINUSE:
            raise UsageError(
                f"port {port} is in use (is leaflet serve running already?); stop that, or give another port: "
                f"--port {port + 1}"
            ) from None
        message = f"cannot listen on {host} port {port}: {error.strerror}; try another --port or --host"
        raise UsageError(message) from None
    return listener


def serve(folder: Path, host: str, port: int, listener: socket.socket) -> None:
    """Run the page on a socket from `listen` until Ctrl-C."""
    import uvicorn

    site = Site(folder, host, port)
    site.start_workers()
    try:
        uvicorn.Server(uvicorn.Config(application(site), log_level="warning")).run(sockets=[listener])
    finally:
        site.pool.shutdown(cancel_futures=True)
