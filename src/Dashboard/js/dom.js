// Builds DOM nodes; text is always set as text (never parsed as HTML), so data from the API cannot
// inject markup.
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "className") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function table(headers, rows, attributes = {}) {
  return h("div", { className: "scroll" },
    h("table", attributes,
      h("thead", {}, h("tr", {}, headers.map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", {}, rows)));
}

export function section(title, ...children) {
  return h("section", { className: "card" }, h("h2", {}, title), ...children);
}

export function badge(state, label) {
  return h("span", { className: `badge ${String(state).toLowerCase()}` }, label);
}
