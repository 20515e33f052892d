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
