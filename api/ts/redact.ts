// What loginlogs.ts does to text the API wrote before handing it on, as the Go SDK does to its
// *APIError (api/ssojet, internal/redact): the secrets of the request replaced by "REDACTED" in
// the forms an API may echo them in, the text bounded, and the characters that steer a terminal
// written as escapes.

/** marker replaces every secret. */
export const marker = "REDACTED";

/** minSecret is the shortest secret also searched for as base64 or hex (the Go SDK's redact.MinSecret). */
const minSecret = 8;

/** credentials returns the secrets an Authorization header carries: what follows its scheme (the whole value without one), and a Basic credential's password. */
export function credentials(authorization: string | null): string[] {
  const auth = (authorization ?? "").trim();
  const space = auth.indexOf(" ");
  const cred = space < 0 ? "" : auth.slice(space + 1).trim();
  if (cred === "") return auth === "" ? [] : [auth];
  if (auth.slice(0, space).toLowerCase() !== "basic") return [cred];
  const decoded = Buffer.from(cred, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 || colon === decoded.length - 1 ? [cred] : [cred, decoded.slice(colon + 1)];
}

/** hexRe matches n written as hex digits, at least width of them, in either case. */
function hexRe(n: number, width: number): string {
  return [...n.toString(16).padStart(width, "0")].map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join("");
}

/** escapeRe makes s match itself in a regular expression. */
function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** named are the HTML and XML named references of the ASCII punctuation a token may hold. */
const named: Record<string, string[]> = {
  "&": ["amp"], "<": ["lt"], ">": ["gt"], '"': ["quot"], "'": ["apos"], ".": ["period"], "/": ["sol"], "=": ["equals"],
  "+": ["plus"], _: ["lowbar", "UnderBar"], ":": ["colon"], ",": ["comma"], ";": ["semi"], "!": ["excl"], "#": ["num"],
  $: ["dollar"], "%": ["percnt"], "(": ["lpar"], ")": ["rpar"], "*": ["ast", "midast"], "-": ["hyphen", "dash"],
  "?": ["quest"], "@": ["commat"], "[": ["lsqb", "lbrack"], "]": ["rsqb", "rbrack"], "^": ["Hat"], "`": ["grave"],
  "{": ["lcub", "lbrace"], "}": ["rcub", "rbrace"], "|": ["vert", "verbar", "VerticalLine"], "~": ["tilde"], " ": ["nbsp"],
};

/** charRe matches the character c in any single-level form: raw, percent-encoded (a space as +), a JSON or Go escape, an HTML or XML reference, a JSON pointer escape. */
function charRe(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const alts = [escapeRe(c)];
  const bytes = [...Buffer.from(c, "utf8")];
  alts.push(bytes.map((b) => "%" + hexRe(b, 2)).join(""), bytes.map((b) => "\\\\x" + hexRe(b, 2)).join(""));
  alts.push(cp > 0xffff
    ? [Math.floor((cp - 0x10000) / 0x400) + 0xd800, ((cp - 0x10000) % 0x400) + 0xdc00].map((u) => "\\\\u" + hexRe(u, 4)).join("")
    : "\\\\u" + hexRe(cp, 4));
  alts.push("\\\\U" + hexRe(cp, 8), `&#0*${cp};?`, `&#[xX]0*${hexRe(cp, 1)};?`);
  for (const name of named[c] ?? []) alts.push(`&${name};?`);
  if (c === " ") alts.push("\\+");
  if (c === "/") alts.push("\\\\/", "~1");
  if (c === "~") alts.push("~0");
  if (c === '"' || c === "\\") alts.push("\\\\" + escapeRe(c));
  return "(?:" + alts.join("|") + ")";
}

/** secretRe matches every secret as charRe reads each of its characters, and as base64 (standard or URL, padded or not, or its whole groups inside a longer base64 text) or hex. */
function secretRe(secrets: string[]): RegExp | undefined {
  const alts: string[] = [];
  for (const s of secrets.filter((s) => s !== "")) {
    alts.push([...s].map(charRe).join(""));
    if (Buffer.byteLength(s) < minSecret) continue; // its base64 and hex forms would be found in data by chance
    const b = Buffer.from(s, "utf8");
    const b64 = new Set<string>();
    for (const enc of ["base64", "base64url"] as const) {
      b64.add(b.toString(enc)).add(b.toString(enc).replace(/=+$/, ""));
      if (enc === "base64url") b64.add(b.toString("base64").replaceAll("+", "-").replaceAll("/", "_"));
      // Inside a longer base64 text the secret starts at one of three offsets of a group of
      // three bytes: its whole groups at each offset are encoded the same in any text.
      for (let k = 0; k < 3; k++) {
        const whole = Math.floor((b.length - k) / 3) * 3;
        if (whole >= minSecret) b64.add(b.subarray(k, k + whole).toString(enc).replace(/=+$/, ""));
      }
    }
    alts.push(...[...b64].sort((x, y) => y.length - x.length).map(escapeRe), [...b].map((x) => hexRe(x, 2)).join(""));
  }
  return alts.length === 0 ? undefined : new RegExp(alts.join("|"), "g");
}

/** maxField is the longest text kept of a field, in bytes (the Go SDK's). */
export const maxField = 1000;

/** shorten cuts s to at most n bytes of UTF-8 on a character boundary, marking the cut with "…". */
function shorten(s: string, n: number): string {
  if (Buffer.byteLength(s) <= n) return s;
  let out = "";
  let size = Buffer.byteLength("…");
  for (const c of s) {
    size += Buffer.byteLength(c);
    if (size > n) break;
    out += c;
  }
  return out + "…";
}

/** printable writes each character that steers a terminal as an escape, as the Go SDK's redact.Printable: the C0 and C1 controls and DEL (\t, \n, \r by name), the bidirectional marks, embeddings, overrides and isolates, the line and paragraph separators, and lone surrogates. */
function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => {
    const cp = c.charCodeAt(0);
    if (c === "\t") return "\\t";
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    return cp < 0x80 ? "\\x" + cp.toString(16).padStart(2, "0") : "\\u" + cp.toString(16).padStart(4, "0");
  });
}

/** redacted is text with every secret replaced by marker. */
function redacted(text: string, secrets: string[]): string {
  const re = secretRe(secrets);
  return re === undefined ? text : text.replace(re, marker);
}

/** inert returns text from the API safe to hand on: every secret replaced by marker, bounded to maxField bytes, its steering characters escaped. */
export function inert(text: string, secrets: string[]): string {
  return printable(shorten(redacted(text, secrets), maxField));
}

/** maxExcerpt is the longest excerpt of a body, in bytes (the Go SDK's). */
const maxExcerpt = 200;

/** excerpt is the start of a body as one line, as the Go SDK's APIError.Body (unquoted): every secret replaced by marker, white space collapsed, at most maxExcerpt bytes, its steering characters escaped. */
export function excerpt(body: string, secrets: string[]): string {
  return printable(shorten(redacted(body, secrets).split(/\s+/).filter((w) => w !== "").join(" "), maxExcerpt));
}
