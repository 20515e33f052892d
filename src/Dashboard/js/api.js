// The hub's API, called with the key the user signed in with. The key stays in this tab's session
// storage: it is gone when the tab closes and is never written to a cookie or to local storage.
const keyName = "hub.apiKey";
const base = new URL("../", document.baseURI); // the dashboard is served at /api/dashboard/

export const session = {
  get key() { return sessionStorage.getItem(keyName); },
  set key(value) { if (value) sessionStorage.setItem(keyName, value); else sessionStorage.removeItem(keyName); },
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(path, parameters = {}) {
  const url = new URL(path, base);
  for (const [name, value] of Object.entries(parameters)) if (value) url.searchParams.set(name, value);
  const response = await fetch(url, { headers: { "X-Api-Key": session.key ?? "", Accept: "application/json" } });
  const body = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export const agencyPath = (code) => `agencies/${encodeURIComponent(code)}`;

/** Fetches a file from the API with the key and hands it to the browser as a download. */
export async function download(path, parameters, fileName) {
  const url = new URL(path, base);
  for (const [name, value] of Object.entries(parameters)) if (value) url.searchParams.set(name, value);
  const response = await fetch(url, { headers: { "X-Api-Key": session.key ?? "" } });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await response.blob());
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
