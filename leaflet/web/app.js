// The leaflet page: fills the choices from the API and keeps the preview and links in step.
"use strict";

const $ = (id) => document.getElementById(id);
let leaflets = [];

function choice() {
  const paper = document.querySelector('input[name="paper"]:checked').value;
  const params = new URLSearchParams({ paper });
  const lang = $("lang").value;
  if (lang) params.set("lang", lang);
  const clinic = $("clinic").value;
  if (clinic) params.set("clinic", clinic);
  const edition = currentLeaflet()?.editions.find((e) => e.lang === lang);
  if (edition && edition.status === "draft") params.set("draft", "1");
  return { id: $("leaflet").value, params };
}

function currentLeaflet() {
  return leaflets.find((l) => l.id === $("leaflet").value);
}

function say(text, problem = false) {
  $("status").textContent = text;
  $("status").classList.toggle("problem", problem);
}

function fillLanguages() {
  const leaflet = currentLeaflet();
  const select = $("lang");
  const kept = select.value;
  select.replaceChildren();
  if (!leaflet) return;
  for (const edition of leaflet.editions) {
    if (edition.status === "unusable") continue;  // a translation file the server cannot read: see its "why"
    if (edition.status === "draft" && !$("drafts").checked) continue;
    const option = new Option(edition.status === "draft" ? `${edition.name} - DRAFT, not for patients` : edition.name, edition.lang);
    option.lang = edition.code;
    select.add(option);
  }
  if ([...select.options].some((o) => o.value === kept)) select.value = kept;
}

async function loadClinics(selected) {
  const response = await fetch("/api/clinics");
  const clinics = await response.json();
  const select = $("clinic");
  select.replaceChildren(new Option("Sample details (not for patients)", ""));
  for (const clinic of clinics) select.add(new Option(clinic.name, clinic.id));
  if (selected) select.value = selected;
  else if (clinics.length) select.value = clinics[0].id;
  return clinics;
}

let previewRun = 0;
async function refresh() {
  const { id, params } = choice();
  if (!id) return;
  const query = params.toString();
  const pdf = `/leaflets/${encodeURIComponent(id)}.pdf?${query}`;
  $("download").href = pdf;
  $("print").href = pdf;
  const zip = new URLSearchParams(params);
  zip.delete("lang");
  zip.delete("draft");
  $("zip").href = `/leaflets/${encodeURIComponent(id)}.zip?${zip}`;
  const run = ++previewRun;
  say("Drawing the preview...");
  for (const page of [1, 2]) {
    const response = await fetch(`/leaflets/${encodeURIComponent(id)}.png?${query}&page=${page}`);
    if (run !== previewRun) return;
    if (!response.ok) {
      const body = await response.json().catch(() => ({ error: response.statusText }));
      say(body.error, true);
      return;
    }
    const old = $(`side-${page}`).src;
    $(`side-${page}`).src = URL.createObjectURL(await response.blob());
    if (old.startsWith("blob:")) URL.revokeObjectURL(old);
  }
  const draft = params.get("draft") === "1";
  const sample = !params.get("clinic");
  say(draft ? "This translation is a draft: it is marked DRAFT and is not for patients."
      : sample ? "Ready, with the sample clinic details: choose or add your clinic before printing for patients."
      : "Ready to download or print.", draft || sample);
}

function showClinicForm(show) {
  $("clinic-form").hidden = !show;
  $("add-clinic").setAttribute("aria-expanded", String(show));
  if (show) $("c-name").focus();
}

function slug(name) {
  return name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "clinic";
}

async function saveClinic(event) {
  event.preventDefault();
  const form = $("clinic-form");
  const data = Object.fromEntries(new FormData(form));
  for (const element of form.querySelectorAll("input, textarea")) {
    element.removeAttribute("aria-invalid");
    $(`${element.id}-error`).textContent = "";
  }
  const id = slug(data.name || "");
  const response = await fetch(`/api/clinics/${id}`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(data),
  });
  const body = await response.json();
  if (!response.ok) {
    let first = null;
    for (const [field, message] of Object.entries(body.fields || {})) {
      const input = $(`c-${field}`);
      if (!input) continue;
      input.setAttribute("aria-invalid", "true");
      $(`c-${field}-error`).textContent = message;
      first = first || input;
    }
    say(body.error, true);
    (first || $("c-name")).focus();
    return;
  }
  await loadClinics(body.id);
  showClinicForm(false);
  say(`Saved ${body.name}.`);
  $("clinic").focus();
  refresh();
}

async function start() {
  const response = await fetch("/api/leaflets");
  leaflets = await response.json();
  for (const leaflet of leaflets) $("leaflet").add(new Option(leaflet.title, leaflet.id));
  fillLanguages();
  await loadClinics();
  for (const id of ["leaflet", "lang", "clinic"]) $(id).addEventListener("change", () => { if (id === "leaflet") fillLanguages(); refresh(); });
  for (const radio of document.querySelectorAll('input[name="paper"]')) radio.addEventListener("change", refresh);
  $("drafts").addEventListener("change", () => { fillLanguages(); refresh(); });
  $("add-clinic").addEventListener("click", () => showClinicForm($("clinic-form").hidden));
  $("cancel-clinic").addEventListener("click", () => { showClinicForm(false); $("add-clinic").focus(); });
  $("clinic-form").addEventListener("submit", saveClinic);
  refresh();
}

document.addEventListener("DOMContentLoaded", start);
