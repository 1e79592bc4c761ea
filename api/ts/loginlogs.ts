// A small client of the login-logs endpoint over openapi-fetch and the types that
// openapi-typescript generates from api/openapi.yaml into gen/ts/ssojet.ts.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths, SchemaError, SchemaLoginLog } from "../../gen/ts/ssojet.js";
import { credentials, excerpt, inert } from "./redact.js";

/**
 * What listLoginLogs answers: the logs of a 200; "not modified" for a 304 to If-None-Match, with
 * its ETag or, without one, the ETag sent (as the Go SDK's Snapshot); for any other status
 * (another 2xx too, as in the Go SDK) an error with SSOJet's error JSON, its text inert as in the
 * Go SDK (the token redacted, bounded, control characters escaped), or undefined for any other
 * body (ErrorAnswer); or "malformed": a 200 that is not login logs (not of a JSON media type, an
 * HTML page, SSOJet's newer paginated shape, an entry that is not the contract's LoginLog), with
 * the reason, which quotes no byte of the body.
 */
export type LoginLogsAnswer =
  | { kind: "ok"; logs: SchemaLoginLog[]; etag: string | null }
  | { kind: "not-modified"; etag: string }
  | ErrorAnswer
  | { kind: "malformed"; status: number; reason: string };

/**
 * ErrorAnswer is the "error" kind of LoginLogsAnswer, as the Go SDK's *APIError: body is the
 * start of a body that is not SSOJet's error JSON (a proxy's HTML page; JSON of another shape
 * written again by JSON.stringify), at most 200 bytes, white space collapsed, inert; location is
 * where a redirect points, inert; retryAfterMs is the wait a 429 or 503 asked for.
 */
export type ErrorAnswer = { kind: "error"; status: number; error: SchemaError | undefined; body?: string; location?: string; retryAfterMs?: number };

/**
 * RetryDeadlineError is what listLoginLogs rejects with when a 429 or 503 asks for a wait that
 * would end at or after the call's deadline: the wait is not begun. Its name is "TimeoutError",
 * as the deadline's own; answer is the 429 or 503, and the message says how long the API asked to
 * wait and how long was left.
 */
export class RetryDeadlineError extends Error {
  override name = "TimeoutError";
  constructor(message: string, readonly answer: ErrorAnswer) {
    super(message);
  }
}

/** Clock is what a call reads the time from and waits before a retry with (systemClock). */
export interface Clock {
  /** now is the time in milliseconds since the epoch, as Date.now. */
  now(): number;
  /** sleep resolves after ms milliseconds, or rejects with signal's reason once it is aborted. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** systemClock is Date.now and a timer. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      cancel();
      reject(signal.reason);
    };
    const cancel = after(ms, () => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
    signal.addEventListener("abort", onAbort, { once: true });
  }),
};

/** maxTimer is the longest setTimeout delay; a longer one would fire at once. */
const maxTimer = 2 ** 31 - 1;

/** after calls fn once ms milliseconds have passed, however many (setTimeout alone fires a delay over maxTimer at once); it returns what cancels it. */
function after(ms: number, fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const end = Date.now() + ms;
  const arm = (): void => {
    const left = end - Date.now();
    timer = setTimeout(left > maxTimer ? arm : fn, Math.min(Math.max(0, left), maxTimer));
  };
  arm();
  return () => clearTimeout(timer);
}

/** defaultBaseUrl is SSOJet's API. */
const defaultBaseUrl = "https://api.ssojet.com/api/v1";

/**
 * newClient returns an openapi-fetch client of baseUrl (e.g. https://api.ssojet.com/api/v1; "" is
 * SSOJet's API, as for the Go SDK's New) sending token. It follows no redirect (the contract
 * documents none, and following one would send the token somewhere the caller did not name): a
 * 3xx is answered as an error with its status and location. It throws a TypeError, quoting
 * neither the token nor a password, as the Go SDK's New refuses them: for an empty token or one
 * holding a space, a control character or a character that is not ASCII, and for a base URL that
 * is not an absolute http or https URL, or holds credentials (fetch refuses them), a query or a
 * fragment (openapi-fetch appends the path to the base URL as a string: after a query or a
 * fragment it would name another path).
 */
export function newClient(baseUrl: string, token: string): Client<paths> {
  baseUrl ||= defaultBaseUrl;
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:") || url.host === "" ||
    url.username !== "" || url.password !== "" || /[?#]/.test(baseUrl)) {
    // The password as written, and as it reads: what the URL's userinfo holds after its first colon.
    const password = /^[^:/?#]*:\/\/([^/?#]*)@/.exec(baseUrl)?.[1]?.split(":").slice(1).join(":") ?? "";
    const secrets = [password, decodeOr(password), token];
    throw new TypeError(`newClient: base URL ${JSON.stringify(inert(baseUrl, secrets))}: want an absolute http or https URL without credentials, a query or a fragment, such as ${defaultBaseUrl}`);
  }
  if (token === "") throw new TypeError("newClient: the token is empty");
  if (/[^\x21-\x7e]/.test(token)) {
    throw new TypeError("newClient: the token holds a space, a control character or a character that is not ASCII");
  }
  return createClient<paths>({
    baseUrl,
    redirect: "manual",
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: "application/json",
      "Accept-Language": "en-US,en;q=0.9",
      "User-Agent": "SSOJET API",
    },
  });
}

/** What bounds a call of listLoginLogs, as the Go SDK's WithTimeout, WithMaxBody and context do. */
export interface ListOptions {
  /** Ends the call when aborted: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * The longest wait, in milliseconds, for the answer to begin and for each further part of its
   * body (30,000; 0: none but signal's), so that a big user's answer is read as long as it keeps
   * coming. The promise then rejects with a DOMException named "TimeoutError".
   */
  timeoutMs?: number;
  /** The longest 200 body read, in bytes (256 MiB; so is 0 or less): a longer one rejects with a RangeError. */
  maxBody?: number;
  /**
   * When the call must end, as a Date or milliseconds since the epoch (none: no limit but signal's
   * and timeoutMs): it then rejects with a DOMException named "TimeoutError", as the Go SDK's
   * context deadline ends its call. A retry's wait that would end at or after it is not begun:
   * the call rejects at once with a RetryDeadlineError.
   */
  deadline?: Date | number;
  /** How many times a 429 or 503 is retried (2: three tries in all; 0: none). */
  retries?: number;
  /** The longest Retry-After waited for, in milliseconds (30,000): a 429 or 503 asking for longer is answered at once. */
  maxRetryWaitMs?: number;
  /** What the deadline and a Retry-After date are read against, and how a retry waits (systemClock); tests set it. */
  clock?: Clock;
}

/** maxErrorBody is how much of another answer's body is read, as in the Go SDK: enough to say what went wrong. */
const maxErrorBody = 64 << 10;

/** nullBody are the statuses whose Response cannot have a body. */
const nullBody = new Set([101, 103, 204, 205, 304]);

/**
 * listLoginLogs reads a user's login logs. With ifNoneMatch (an earlier answer's ETag) an
 * unchanged user is answered "not-modified" without a body. A 429 or 503 is retried, as in the Go
 * SDK, options.retries times (2), after its Retry-After (seconds or an HTTP date; without one
 * 1 s, then 2 s, 4 s…); one asking for more than maxRetryWaitMs is answered at once, and signal
 * ends a wait. A failure to get an answer (the network, the timeout, the deadline, the signal, a
 * body over maxBody) rejects, and so does a user id that cannot be a path segment ("", ".", "..")
 * or an option out of its range, before anything is sent.
 */
export async function listLoginLogs(
  client: Client<paths>,
  userId: string,
  clientId: string,
  ifNoneMatch?: string,
  options: ListOptions = {},
): Promise<LoginLogsAnswer> {
  if (userId === "" || userId === "." || userId === "..") {
    // fetch's URL parser would resolve the segment away: the request, with the token, would go
    // to another path than /users/{userid}/loginlogs.
    throw new RangeError(`user id ${JSON.stringify(userId)} is no path segment (the request would go to another path)`);
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBody = options.maxBody !== undefined && options.maxBody > 0 ? options.maxBody : 256 << 20;
  const retries = options.retries ?? 2;
  const maxWait = options.maxRetryWaitMs ?? 30_000;
  const deadline = options.deadline === undefined ? undefined : Number(options.deadline);
  const clock = options.clock ?? systemClock;
  for (const [name, v] of [["retries", retries], ["maxRetryWaitMs", maxWait], ["deadline", deadline ?? 0]] as const) {
    if (!(v >= 0) || (name === "retries" && !Number.isSafeInteger(v))) {
      throw new RangeError(`${name} is ${String(v)}: want ${name === "retries" ? "a whole number" : "a number"} of 0 or more`);
    }
  }
  let secrets: string[] = [];
  const stop = new AbortController();
  const signal = options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** wait (re)starts the timeout of one wait for the answer. */
  const wait = (): void => {
    clearTimeout(timer);
    if (timeoutMs > 0) {
      timer = setTimeout(() => stop.abort(new DOMException(`no answer for ${timeoutMs} ms (timeout)`, "TimeoutError")), timeoutMs);
    }
  };
  const endDeadline = deadline === undefined ? () => {} : after(deadline - Date.now(), () => stop.abort(new DOMException("the deadline passed", "TimeoutError")));
  try {
    for (let attempt = 0; ; attempt++) {
      wait();
      const answer = await send(client, userId, clientId, ifNoneMatch, {
        signal,
        middleware: [{
          // The secrets redacted from the error: those of the Authorization header as sent.
          onRequest: ({ request }) => void (secrets = credentials(request.headers.get("Authorization"))),
          onResponse: ({ response }) => guard(response, response.status === 200 ? maxBody : maxErrorBody, wait),
        }],
      }, () => secrets, clock.now());
      clearTimeout(timer); // the timeout bounds the waits for an answer, not those before a retry
      if (answer.kind !== "error" || answer.status !== 429 && answer.status !== 503 || attempt >= retries) return answer;
      const asked = answer.retryAfterMs !== undefined;
      const ms = answer.retryAfterMs ?? 1000 * 2 ** Math.min(attempt, 20);
      if (ms > maxWait) return answer;
      const now = clock.now();
      if (deadline !== undefined && now + ms >= deadline) {
        const why = asked ? `the API asked to wait ${duration(ms)}` : `the next try is due in ${duration(ms)} (no Retry-After)`;
        throw new RetryDeadlineError(`${summary(answer)}; ${why} to retry, longer than the deadline allows (${duration(Math.max(0, deadline - now))} left)`, answer);
      }
      await clock.sleep(ms, signal);
    }
  } finally {
    clearTimeout(timer);
    endDeadline();
  }
}

/** summary is an error answer on one line, as the Go SDK's APIError.Summary: `429: rate_limit_exceeded (829): Slow down.` */
function summary(a: ErrorAnswer): string {
  const e = a.error;
  if (e !== undefined) return `${a.status}: ${e.error} (${e.error_code}): ${e.error_description}`;
  return a.body === undefined ? `${a.status} (empty body)` : `${a.status}: not SSOJet's error JSON: ${a.body}`;
}

/** duration writes ms as "500 ms" below a second, else in seconds: "1.5 s", "3600 s". */
function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms) / 1000} s`;
}

/**
 * retryAfter is the wait Retry-After asks for, in milliseconds from now (RFC 9110: delay-seconds
 * or an HTTP date, read as Go's net/http reads them; a date in the past is 0), or undefined when
 * there is none or it does not parse.
 */
function retryAfter(value: string | null, now: number): number | undefined {
  const v = (value ?? "").trim();
  if (/^\d+$/.test(v)) return Math.min(Number(v), 2 ** 32) * 1000; // beyond that, a wait no cap allows
  const date = httpDate(v);
  return date === undefined ? undefined : Math.max(0, date - now);
}

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The three forms of an HTTP date (RFC 9110 5.6.7) that Go's http.ParseTime reads: IMF-fixdate, RFC 850, asctime. */
const httpDates = [
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (?<d>\d{2}) (?<mon>[A-Z][a-z]{2}) (?<y>\d{4}) (?<t>\d{2}:\d{2}:\d{2}) GMT$/,
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (?<d>\d{2})-(?<mon>[A-Z][a-z]{2})-(?<y>\d{2}) (?<t>\d{2}:\d{2}:\d{2}) GMT$/,
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?<mon>[A-Z][a-z]{2}) (?<d>[ \d]\d) (?<t>\d{2}:\d{2}:\d{2}) (?<y>\d{4})$/,
];

/** httpDate is the time of an HTTP date in milliseconds since the epoch, or undefined for other text or a day that does not exist. */
function httpDate(v: string): number | undefined {
  const g = httpDates.map((re) => re.exec(v)?.groups).find((g) => g !== undefined);
  const mon = months.indexOf(g?.mon ?? "");
  if (g === undefined || mon < 0) return undefined;
  let y = Number(g.y);
  if (g.y?.length === 2) y += y >= 69 ? 1900 : 2000; // as Go reads a two-digit year
  const [h, mi, s] = (g.t ?? "").split(":").map(Number) as [number, number, number];
  const d = Number(g.d);
  const t = Date.UTC(y, mon, d, h, mi, s);
  return new Date(t).getUTCDate() === d && h <= 23 && mi <= 59 && s <= 59 ? t : undefined;
}

/**
 * guard returns response with its body read through the timeout, each read restarting it: past
 * limit bytes a 200's body fails with a RangeError, another is cut there (its start says enough).
 */
function guard(response: Response, limit: number, wait: () => void): Response {
  const body = response.body;
  if (body === null || nullBody.has(response.status)) return response;
  const reader = body.getReader();
  let read = 0;
  const guarded = new ReadableStream<Uint8Array>({
    async pull(out) {
      wait();
      const { done, value } = await reader.read();
      if (done) {
        out.close();
        return;
      }
      read += value.byteLength;
      if (read <= limit) {
        out.enqueue(value);
      } else if (response.status === 200) {
        await reader.cancel();
        out.error(new RangeError(`the answer is longer than its limit, ${limit} bytes (maxBody)`));
      } else {
        out.enqueue(value.subarray(0, value.byteLength - (read - limit)));
        await reader.cancel();
        out.close();
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return new Response(guarded, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** send makes the request with init and reads the answer; secrets are those sent, for redaction; a Retry-After date is read against now. */
async function send(
  client: Client<paths>,
  userId: string,
  clientId: string,
  ifNoneMatch: string | undefined,
  init: { signal: AbortSignal; middleware: Middleware[] },
  secrets: () => string[],
  now: number,
): Promise<LoginLogsAnswer> {
  const { data, error, response } = await client.GET("/users/{userid}/loginlogs", {
    params: {
      path: { userid: userId },
      query: { client_id: clientId },
      ...(ifNoneMatch === undefined ? {} : { header: { "If-None-Match": ifNoneMatch } }),
    },
    // The 200 body is parsed below: openapi-fetch's own parsing throws on a body that is not
    // JSON, and passes on any JSON as if it had the contract's shape.
    parseAs: "text",
    ...init,
  });
  // The generated types say ETag: string on 200 and 304, but the header is optional on the
  // wire (SSOJet is not known to send it): read it from the Response, where it is string | null.
  const etag = response.headers.get("ETag");
  // openapi-fetch reports any status outside 2xx in `error`, and a 304 (no body) as error === "":
  // test the status before `data` and `error`.
  if (response.status === 304 && ifNoneMatch !== undefined) {
    return { kind: "not-modified", etag: etag ?? ifNoneMatch };
  }
  if (response.status !== 200) {
    // openapi-fetch parses the body of a status outside 2xx into error; another 2xx's is data.
    // It answers a body that is not JSON as its text, an empty one as undefined.
    const raw: unknown = error;
    const body: unknown = response.ok ? parseJSON(data ?? "") : raw;
    const answer: ErrorAnswer = { kind: "error", status: response.status, error: isErrorBody(body) ? inertError(body, secrets()) : undefined };
    const text = response.ok ? data ?? "" : typeof raw === "string" ? raw : raw === undefined ? "" : JSON.stringify(raw);
    const start = answer.error === undefined ? excerpt(text, secrets()) : "";
    if (start !== "") answer.body = start;
    const location = response.headers.get("Location");
    if (location !== null) answer.location = inert(location, secrets());
    const wait = response.status === 429 || response.status === 503 ? retryAfter(response.headers.get("Retry-After"), now) : undefined;
    if (wait !== undefined) answer.retryAfterMs = wait;
    return answer;
  }
  // As the Go SDK: a 200's media type must be JSON, application/json or a +json type.
  const type = response.headers.get("Content-Type") ?? "";
  const media = (type.split(";")[0] ?? "").trim().toLowerCase();
  if (media !== "application/json" && !/^[^/]+\/[^/]+\+json$/.test(media)) {
    return { kind: "malformed", status: response.status, reason: `the Content-Type is ${JSON.stringify(inert(type, secrets()))}, not JSON` };
  }
  const body = data === undefined ? undefined : parseJSON(data);
  if (body === undefined) {
    return { kind: "malformed", status: response.status, reason: "the body is not JSON" };
  }
  if (!isLoginLogsBody(body)) {
    return { kind: "malformed", status: response.status, reason: "the body has no login_logs array" };
  }
  for (const [i, entry] of body.login_logs.entries()) {
    const problem = loginLogProblem(entry);
    if (problem !== undefined) return { kind: "malformed", status: response.status, reason: `entry ${i}: ${problem}` };
  }
  return { kind: "ok", logs: body.login_logs as SchemaLoginLog[], etag };
}

/** decodeOr is text percent-decoded, or text itself when it does not decode. */
function decodeOr(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** parseJSON is the value of the JSON text, or undefined for text that is not JSON. */
function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** isLoginLogsBody tells a 200 body with a login_logs array from anything else. */
function isLoginLogsBody(v: unknown): v is { login_logs: unknown[] } {
  return typeof v === "object" && v !== null && "login_logs" in v && Array.isArray(v.login_logs);
}

/**
 * MemberKinds maps each member of a generated schema type to the JSON type its values must have:
 * "string" (or "date-time", a string in that format) for a required string member, "string?" for
 * an optional one, never for any other (a contract change this file does not follow yet).
 */
type MemberKinds<T> = {
  [K in keyof T]-?: [Exclude<T[K], undefined>] extends [string] ? ({} extends Pick<T, K> ? "string?" : "string" | "date-time") : never;
};

/**
 * loginLogMembers are the members of the generated LoginLog and their JSON types. `satisfies`
 * holds the list to gen/ts/ssojet.ts: a member added to, removed from or retyped in
 * api/openapi.yaml fails tsc until the list follows. CreatedAt's format, date-time, is the one
 * thing written here that the generated types do not carry; the tests hold every member to
 * kin-openapi's verdict on the contract.
 */
const loginLogMembers = {
  IpAddress: "string",
  Country: "string",
  City: "string",
  UserAgent: "string",
  Name: "string",
  Os: "string",
  Device: "string",
  CreatedAt: "date-time",
} as const satisfies MemberKinds<SchemaLoginLog>;

/**
 * loginLogProblem says how v breaks the generated LoginLog, as the Go SDK's decoding into it
 * does, or undefined when it does not: an entry must be an object whose required members are
 * all present, each a string, CreatedAt an RFC 3339 date-time. Members the contract does not
 * declare are let through. The reason names members and JSON types only, never a value.
 */
function loginLogProblem(v: unknown): string | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return `is ${jsonType(v)}, not an object`;
  for (const [name, kind] of Object.entries(loginLogMembers) as [string, string][]) {
    if (!Object.hasOwn(v, name)) {
      if (kind.endsWith("?")) continue;
      return `${name} is missing`;
    }
    const value: unknown = (v as Record<string, unknown>)[name];
    if (typeof value !== "string") return `${name} is ${jsonType(value)}, not a string`;
    if (kind === "date-time" && !isDateTime(value)) return `${name} is not an RFC 3339 date-time`;
  }
  return undefined;
}

/** jsonType names the JSON type of a parsed value: "null", "an array", "a string"… */
function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/** rfc3339 is RFC 3339's date-time, as Go's time.Time reads it from JSON. */
const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** isDateTime tells an RFC 3339 date-time, each field in its range (no 30 February), from any other text. */
function isDateTime(s: string): boolean {
  const m = rfc3339.exec(s);
  if (m === null) return false;
  const [y, mo, d, h, mi, sec, oh, om] = m.slice(1).map((f) => Number(f ?? "0")) as [number, number, number, number, number, number, number, number];
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d >= 1 && d <= days && h <= 23 && mi <= 59 && sec <= 59 && oh <= 23 && om <= 59;
}

/** isErrorBody tells SSOJet's error JSON (the contract's Error) from an empty or non-JSON body. */
function isErrorBody(v: unknown): v is SchemaError {
  const textOrNumber = (x: unknown) => typeof x === "string" || typeof x === "number";
  return typeof v === "object" && v !== null && "error" in v && "error_description" in v && "error_code" in v &&
    textOrNumber(v.error) && typeof v.error_description === "string" && textOrNumber(v.error_code);
}

/** inertError is SSOJet's error with each text inert (redact.ts): the secrets redacted, bounded, control characters escaped. */
function inertError(e: SchemaError, secrets: string[]): SchemaError {
  const text = <T>(x: T) => (typeof x === "string" ? inert(x, secrets) : x);
  return { error: text(e.error), error_description: text(e.error_description), error_code: text(e.error_code) };
}
