// The TypeScript SDK against the real reference server: this test builds cmd/loginlogs (or runs
// LOGINLOGS_TEST_BINARY), starts `serve` on a free port with a temporary SQLite file and a token
// file, and calls it through loginlogs.ts (openapi-fetch over the types generated into gen/ts).
import { strict as assert } from "node:assert";
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer, type RequestListener, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { type Clock, listLoginLogs, newClient, RetryDeadlineError, systemClock } from "./loginlogs.js";

const run = promisify(execFile);

// The seeded demo client and user of `serve` on an empty store, and tokens of the file below.
const demoClient = "cli_cq2k021saqbs710j7ftg.edce6a1f";
const demoUser = "6694c154565dfee5166d1cc7";
const demoToken = "tok_ts_demo_0123456789";
const otherToken = "tok_ts_other_0123456789";

/** repoRoot is the nearest directory above this file holding go.mod. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "go.mod"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("go.mod not found above " + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

const root = repoRoot();
const tsDir = join(root, "api", "ts");
let tmp = "";
let server: ChildProcess | undefined;
let base = "";
let bin = ""; // the loginlogs binary serve runs from

/** firstURL returns the first http:// URL in text, or undefined. */
function firstURL(text: string): string | undefined {
  return /http:\/\/[^\s'"]+/.exec(text)?.[0];
}

/** startServer runs bin serve and resolves with the origin it prints on stdout. */
function startServer(bin: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    server = child;
    let out = "";
    let errText = "";
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within 60 s; stdout: ${out}; stderr: ${errText}`)), 60_000);
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const url = firstURL(out);
      if (url !== undefined) {
        clearTimeout(timer);
        resolve(new URL(url).origin);
      }
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      if (errText.length < 64 << 10) errText += chunk;
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing its URL; stderr: ${errText}`));
    });
  });
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), "loginlogs-ts-"));
  // LOGINLOGS_TEST_BINARY is the binary `make test` builds once for every test of the program.
  bin = process.env.LOGINLOGS_TEST_BINARY ?? "";
  if (bin === "") {
    bin = join(tmp, "loginlogs");
    await run(process.env.GO ?? "go", ["build", "-o", bin, "./cmd/loginlogs"], { cwd: root });
  }
  const tokens = join(tmp, "tokens");
  writeFileSync(tokens, `${demoToken} ${demoClient}\n${otherToken} cli_ts_other\n`, { mode: 0o600 });
  const origin = await startServer(bin, [
    "serve", "--addr", "127.0.0.1:0", "--tokens", tokens, "--database-url", "sqlite:" + join(tmp, "loginlogs.db"),
  ]);
  base = origin + "/api/v1";
});

after(async () => {
  if (server !== undefined && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  if (tmp !== "") rmSync(tmp, { recursive: true, force: true });
});

test("tsc --noEmit --strict accepts the client and refuses the misuses in typecheck.ts", async () => {
  const tsc = join(tsDir, "node_modules", "typescript", "bin", "tsc");
  const { stdout, stderr } = await run(process.execPath, [tsc, "--noEmit", "--strict", "-p", "tsconfig.json"], { cwd: tsDir });
  assert.equal(stdout + stderr, "", "tsc printed diagnostics");
});

/** readmeSnippet returns the first ```ts block of the README's section "## TypeScript". */
function readmeSnippet(): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = readme.split(/^## /m).find((s) => s.startsWith("TypeScript\n"));
  assert.ok(section !== undefined, "README.md has no section ## TypeScript");
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block !== undefined, "the README's TypeScript section has no ```ts block");
  return block;
}

// The README's snippet, as a user pastes it beside the generated gen/ts, compiles under both
// module resolutions a TypeScript project uses: NodeNext (Node's own ESM rules, which want the
// .js suffix) and Bundler; with skipLibCheck, as `tsc --init` sets a project up.
for (const [resolution, module] of [["NodeNext", "NodeNext"], ["Bundler", "ESNext"]] as const) {
  test(`the README's TypeScript snippet compiles under moduleResolution ${resolution}`, async () => {
    const source = "declare const token: string, clientId: string, etag: string;\n" + readmeSnippet();
    await withSnippet(source, { noEmit: true, module, moduleResolution: resolution }, async (dir) => {
      const tsc = join(tsDir, "node_modules", "typescript", "bin", "tsc");
      const out = await run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: dir })
        .catch((e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? "", stderr: e.stderr ?? String(e) }));
      assert.equal(out.stdout + out.stderr, "", `tsc (moduleResolution ${resolution}) on the README's snippet printed diagnostics`);
    });
  });
}

/** withSnippet writes source as snippet.ts in a temporary directory beside gen/ and node_modules,
 * as a user pastes the README's snippet, with a strict tsconfig of compilerOptions, and runs fn there. */
async function withSnippet(source: string, compilerOptions: object, fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "loginlogs-readme-ts-"));
  try {
    symlinkSync(join(root, "gen"), join(dir, "gen"));
    symlinkSync(join(tsDir, "node_modules"), join(dir, "node_modules"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(join(dir, "snippet.ts"), source);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: { strict: true, skipLibCheck: true, target: "ES2022", types: ["node"], ...compilerOptions },
      files: ["snippet.ts"],
    }));
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The README's snippet, compiled as above (NodeNext) and run with node against the reference
// server in place of SSOJet, prints the demo user's logins; sent the ETag they came with, it gets
// the 304 and prints nothing.
test("the README's TypeScript snippet, run against the reference server, prints the logins, and nothing after a 304", async () => {
  const live = `"https://api.ssojet.com/api/v1"`;
  const snippet = readmeSnippet();
  assert.ok(snippet.includes(live), `the README's TypeScript snippet does not call ${live}`);
  const source = "const [token, clientId, etag] = process.argv.slice(2) as [string, string, string];\n" +
    snippet.replace(live, JSON.stringify(base));
  await withSnippet(source, { module: "NodeNext", moduleResolution: "NodeNext", outDir: "out" }, async (dir) => {
    await run(process.execPath, [join(tsDir, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { cwd: dir });
    const snippetJS = join(dir, "out", "snippet.js");
    const fresh = await run(process.execPath, [snippetJS, demoToken, demoClient, ""], { cwd: dir });
    assert.equal(fresh.stdout + fresh.stderr, "24 logins\n");
    const first = await listLoginLogs(newClient(base, demoToken), demoUser, demoClient);
    assert.ok(first.kind === "ok" && first.etag !== null, JSON.stringify(first));
    const unchanged = await run(process.execPath, [snippetJS, demoToken, demoClient, first.etag], { cwd: dir });
    assert.equal(unchanged.stdout + unchanged.stderr, "");
  });
});

test("200: the seeded user's logs, as in the seed fixture, with an ETag", async () => {
  const got = await listLoginLogs(newClient(base, demoToken), demoUser, demoClient);
  assert.equal(got.kind, "ok", `GET logs of ${demoUser}: ${JSON.stringify(got)}`);
  if (got.kind !== "ok") return;
  const seed = JSON.parse(readFileSync(join(root, "testdata", "seed-loginlogs.json"), "utf8")) as { login_logs: unknown[] };
  assert.deepEqual(got.logs, seed.login_logs);
  assert.match(got.etag ?? "", /^(W\/)?".+"$/, "ETag of a 200");
});

test("304: If-None-Match with the current ETag; openapi-fetch reports it as error \"\"", async () => {
  const client = newClient(base, demoToken);
  const first = await listLoginLogs(client, demoUser, demoClient);
  assert.equal(first.kind, "ok");
  if (first.kind !== "ok" || first.etag === null) return;
  const again = await listLoginLogs(client, demoUser, demoClient, first.etag);
  assert.deepEqual(again, { kind: "not-modified", etag: first.etag });

  // What loginlogs.ts works around (README, TypeScript): no data, and error is the empty string.
  const raw = await client.GET("/users/{userid}/loginlogs", {
    params: { path: { userid: demoUser }, query: { client_id: demoClient }, header: { "If-None-Match": first.etag } },
  });
  assert.equal(raw.response.status, 304);
  assert.equal(raw.data, undefined);
  assert.equal(raw.error, "");
});

const errors = [
  { name: "401: a token the server does not know", token: "tok_ts_unknown", user: demoUser, status: 401, error: "invalid_token", code: 1002 },
  { name: "403: a token of another client", token: otherToken, user: demoUser, status: 403, error: "access_denied", code: 1003 },
  { name: "404: a user the client does not have", token: demoToken, user: "000000000000000000000000", status: 404, error: "resource_not_found", code: 801 },
];
for (const tc of errors) {
  test(tc.name, async () => {
    const got = await listLoginLogs(newClient(base, tc.token), tc.user, demoClient);
    assert.equal(got.kind, "error", JSON.stringify(got));
    if (got.kind !== "error") return;
    assert.equal(got.status, tc.status);
    assert.equal(got.error?.error, tc.error);
    assert.equal(got.error?.error_code, tc.code);
  });
}

test("401 carries a Bearer challenge", async () => {
  const { response } = await newClient(base, "tok_ts_unknown").GET("/users/{userid}/loginlogs", {
    params: { path: { userid: demoUser }, query: { client_id: demoClient } },
  });
  assert.equal(response.status, 401);
  assert.match(response.headers.get("WWW-Authenticate") ?? "", /^Bearer /);
});

/** cut is ASCII text cut to 200 bytes, as an error's body is, "…" marking the cut. */
const cut = (text: string): string => (text.length <= 200 ? text : text.slice(0, 197) + "…");

/** withServer runs fn against a server of handle's on a free loopback port, then closes it. */
async function withServer(handle: RequestListener, fn: (base: string) => Promise<void>): Promise<void> {
  const api = createServer(handle);
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  try {
    await fn(`http://127.0.0.1:${(api.address() as AddressInfo).port}/api/v1`);
  } finally {
    api.closeAllConnections(); // a stalled answer, which a failing client would wait for
    await new Promise((resolve) => api.close(resolve));
  }
}

test("a redirect is an error with its status, not followed: the token goes nowhere the caller did not name", async () => {
  const moved: string[] = []; // the requests that reached where the redirect points
  await withServer((req, res) => {
    if (req.url?.startsWith("/moved/")) {
      moved.push(req.headers.authorization ?? "");
      res.writeHead(200, { "Content-Type": "application/json" }).end('{"login_logs":[]}');
      return;
    }
    res.writeHead(302, { Location: "/moved" + (req.url ?? "") }).end();
  }, async (base) => {
    const got = await listLoginLogs(newClient(base, demoToken), demoUser, demoClient);
    assert.deepEqual(got, { kind: "error", status: 302, error: undefined,
      location: `/moved/api/v1/users/${demoUser}/loginlogs?client_id=${encodeURIComponent(demoClient)}` });
    assert.deepEqual(moved, [], "the client followed the redirect");
  });
});

test("200 with login logs as a +json type is read, as the Go SDK reads it", async () => {
  await withServer((_req, res) => void res.writeHead(200, { "Content-Type": "application/vnd.ssojet+json; charset=utf-8" }).end('{"login_logs":[]}'), async (base) => {
    assert.deepEqual(await listLoginLogs(newClient(base, demoToken), demoUser, demoClient), { kind: "ok", logs: [], etag: null });
  });
});

// A 200 that is not login logs is "malformed", saying why without quoting the body: not "ok"
// with logs undefined (the paginated shape), nor a rejected promise whose SyntaxError quotes the
// body (an HTML page).
for (const [name, type, body, reason] of [
  ["SSOJet's newer paginated shape", "application/json", '{"audit_logs":[],"next_cursor":null}', "the body has no login_logs array"],
  ["an HTML page", "text/html", `<html>Sign in ${demoToken}</html>`, 'the Content-Type is "text/html", not JSON'],
  ["an HTML page as JSON", "application/json", `<html>Sign in ${demoToken}</html>`, "the body is not JSON"],
  ["login_logs null", "application/json", '{"login_logs":null}', "the body has no login_logs array"],
  ["login logs as text/plain", "text/plain", '{"login_logs":[]}', 'the Content-Type is "text/plain", not JSON'],
  ["login logs without a Content-Type", "", '{"login_logs":[]}', 'the Content-Type is "", not JSON'],
  ["a Content-Type holding the token", `text/plain; t=${demoToken}`, '{"login_logs":[]}', 'the Content-Type is "text/plain; t=REDACTED", not JSON'],
] as const) {
  test(`200 with ${name} is malformed`, async () => {
    await withServer((_req, res) => void res.writeHead(200, type === "" ? {} : { "Content-Type": type }).end(body), async (base) => {
      const got = await listLoginLogs(newClient(base, demoToken), demoUser, demoClient);
      assert.deepEqual(got, { kind: "malformed", status: 200, reason });
    });
  });
}

/** kinOpenAPI is kin-openapi's verdict on a 200 body under the contract: `loginlogs contract --response`. */
function kinOpenAPI(body: string): "valid" | "violated" {
  const r = spawnSync(bin, ["contract", "--response", "-", "--status", "200", "--content-type", "application/json"], { input: body, encoding: "utf8" });
  if (r.status !== 0 && r.status !== 1) throw new Error(`loginlogs contract exited ${r.status}: ${r.stderr}`);
  return r.status === 0 ? "valid" : "violated";
}

// Each entry is held to the generated LoginLog, as the Go SDK decodes it: every member the
// contract requires present and of its JSON type, CreatedAt an RFC 3339 date-time. kin-openapi,
// on the contract, judges each body too: the client refuses nothing kin-openapi accepts, and each
// member of the seed's entries, missing, null, a number or any string, gets kin-openapi's verdict.
/** seedLogs are the demo user's logs as the seed fixture has them. */
const seedLogs = (): Record<string, unknown>[] =>
  (JSON.parse(readFileSync(join(root, "testdata", "seed-loginlogs.json"), "utf8")) as { login_logs: Record<string, unknown>[] }).login_logs;
const seedEntry = (): Record<string, unknown> => seedLogs()[0] ?? {};
const without = (name: string): Record<string, unknown> => Object.fromEntries(Object.entries(seedEntry()).filter(([k]) => k !== name));
// reason: the malformed answer's; undefined: "ok"; "as kin-openapi": malformed exactly when kin-openapi finds a violation.
const entryCases: [name: string, entry: unknown, reason: string | undefined][] = [
  ["the seed's first entry", seedEntry(), undefined],
  ["a member the contract does not declare", { ...seedEntry(), Region: "Rajasthan" }, undefined],
  ["CreatedAt on 30 February", { ...seedEntry(), CreatedAt: "2024-02-30T12:16:19.647Z" }, "entry 1: CreatedAt is not an RFC 3339 date-time"],
  ["an entry null", null, "entry 1: is null, not an object"],
  ["an entry an array", [], "entry 1: is an array, not an object"],
  ["an entry a string", "183.83.177.227", "entry 1: is a string, not an object"],
  ...Object.keys(seedEntry()).flatMap((m): [string, unknown, string | undefined][] => [
    [`${m} missing`, without(m), `entry 1: ${m} is missing`],
    [`${m} null`, { ...seedEntry(), [m]: null }, `entry 1: ${m} is null, not a string`],
    [`${m} a number`, { ...seedEntry(), [m]: 91 }, `entry 1: ${m} is a number, not a string`],
    [`${m} any string`, { ...seedEntry(), [m]: "x" }, "as kin-openapi"],
  ]),
];
test("each entry is held to the generated LoginLog; nothing kin-openapi accepts is refused", async () => {
  assert.ok(entryCases.length > 6 + 4 * 7, `${entryCases.length} cases: the seed fixture has too few members`);
  for (const [name, entry, reason] of entryCases) {
    const body = JSON.stringify({ login_logs: [seedEntry(), entry] });
    const kin = kinOpenAPI(body);
    await withServer((_req, res) => void res.writeHead(200, { "Content-Type": "application/json" }).end(body), async (base) => {
      const got = await listLoginLogs(newClient(base, demoToken), demoUser, demoClient);
      if (reason === undefined || reason === "as kin-openapi" && kin === "valid") {
        assert.equal(kin, "valid", `${name}: kin-openapi on ${body}`);
        assert.deepEqual(got, { kind: "ok", logs: [seedEntry(), entry], etag: null }, name);
      } else {
        assert.equal(kin, "violated", `${name}: kin-openapi on ${body}`);
        assert.equal(got.kind, "malformed", `${name}: ${JSON.stringify(got)}`);
        if (reason !== "as kin-openapi") assert.deepEqual(got, { kind: "malformed", status: 200, reason }, name);
      }
    });
  }
});

// The one difference from kin-openapi, shared with the Go SDK (which reads CreatedAt into a
// time.Time): a CreatedAt with an offset other than Z is an RFC 3339 date-time, and the client
// does not apply the contract's pattern, which wants Z.
test("CreatedAt with an offset is read, as the Go SDK reads it, though the contract's pattern wants Z", async () => {
  const entry = { ...seedEntry(), CreatedAt: "2024-07-10T17:46:19.647+05:30" };
  const body = JSON.stringify({ login_logs: [entry] });
  assert.equal(kinOpenAPI(body), "violated");
  await withServer((_req, res) => void res.writeHead(200, { "Content-Type": "application/json" }).end(body), async (base) => {
    assert.deepEqual(await listLoginLogs(newClient(base, demoToken), demoUser, demoClient), { kind: "ok", logs: [entry], etag: null });
  });
});

/** forms is every encoding of secret the Go SDK's redactor promises to find (internal/redact/redacttest.Forms). */
function forms(secret: string): string[] {
  // Under testdata, which the go command's ./... leaves out: make test runs go test ./... beside this.
  const dir = join(tsDir, "build", "testdata", "redact-forms");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "main.go"), `package main

import (
	"encoding/json"
	"os"

	"github.com/ssojet-tools/loginlogs/internal/redact/redacttest"
)

func main() { json.NewEncoder(os.Stdout).Encode(redacttest.Forms(os.Args[1])) }
`);
  const r = spawnSync(process.env.GO ?? "go", ["run", "./api/ts/build/testdata/redact-forms", secret], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, `go run redact-forms: ${r.stderr}`);
  return JSON.parse(r.stdout) as string[];
}

// SSOJet's error text is the API's to write: an API that echoes the token, in any form the Go
// SDK's redactor finds, gets it back redacted, as the Go SDK's *APIError has it.
test("the token is redacted from SSOJet's error fields, in every form the Go SDK redacts", async () => {
  const secret = "tok/ts+odd=chars.x:y~z_0123";
  const all = forms(secret);
  assert.ok(all.length >= 30, `redacttest.Forms gave ${all.length} forms`);
  for (const form of all) {
    const text = `echo ${form} end`;
    await withServer((_req, res) => void res.writeHead(401, { "Content-Type": "application/json" })
      .end(JSON.stringify({ error: text, error_description: text, error_code: text })), async (base) => {
      const got = await listLoginLogs(newClient(base, secret), demoUser, demoClient);
      assert.equal(got.kind, "error");
      if (got.kind !== "error") return;
      for (const field of [got.error?.error, got.error?.error_description, got.error?.error_code]) {
        assert.equal(typeof field, "string", `a field of ${JSON.stringify(got)}`);
        const out = String(field).replaceAll("REDACTED", "\uffff");
        for (const f of all) assert.ok(!out.includes(f), `form ${JSON.stringify(form)}: ${JSON.stringify(field)} still holds ${JSON.stringify(f)}`);
        assert.match(String(field), /^echo .*REDACTED.* end$/, `form ${JSON.stringify(form)}: ${JSON.stringify(field)}`);
      }
    });
  }
});

// SSOJet's error text is bounded and inert, as the Go SDK's: at most 1000 bytes, the characters
// that steer a terminal written as escapes; numbers stay numbers.
test("SSOJet's error fields are bounded and their control characters escaped", async () => {
  const body = { error: "bad\u001b[2J\u202eevil\nline", error_description: "x".repeat(5000), error_code: 1002 };
  await withServer((_req, res) => void res.writeHead(400, { "Content-Type": "application/json" })
    .end(JSON.stringify(body)), async (base) => {
    const got = await listLoginLogs(newClient(base, demoToken), demoUser, demoClient);
    assert.equal(got.kind, "error");
    if (got.kind !== "error") return;
    assert.equal(got.error?.error, "bad\\x1b[2J\\u202eevil\\nline");
    assert.equal(got.error?.error_code, 1002);
    const desc = got.error?.error_description ?? "";
    assert.ok(Buffer.byteLength(desc) <= 1000 && desc.endsWith("…"), `error_description of ${Buffer.byteLength(desc)} bytes: ${desc.slice(-20)}`);
  });
});

// An answer that stalls, one that never ends and a caller that gives up: each ends the call, as
// the Go SDK's timeout per wait, body caps and context do. Each server below would hold the
// client forever; the tests' own timeout only turns such a hang into a failure.
for (const [name, stall] of [
  ["before its headers", () => {}],
  ["after its headers", (res: ServerResponse) => void res.writeHead(200, { "Content-Type": "application/json" }).write('{"login_logs":[')],
] as const) {
  test(`an answer that stalls ${name} rejects with a TimeoutError after timeoutMs`, { timeout: 20_000 }, async () => {
    await withServer((_req, res) => stall(res), async (base) => {
      await assert.rejects(listLoginLogs(newClient(base, demoToken), demoUser, demoClient, undefined, { timeoutMs: 200 }),
        (e: Error) => e.name === "TimeoutError" && /timeout/.test(e.message));
    });
  });
}

test("a signal aborted while the body arrives rejects with its reason", { timeout: 20_000 }, async () => {
  const stop = new AbortController();
  await withServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.write('{"login_logs":[', () => stop.abort(new Error("the caller gave up")));
  }, async (base) => {
    await assert.rejects(listLoginLogs(newClient(base, demoToken), demoUser, demoClient, undefined, { signal: stop.signal }),
      /the caller gave up/);
  });
});

test("a 200 longer than maxBody rejects, saying so", { timeout: 20_000 }, async () => {
  const body = JSON.stringify({ login_logs: Array.from({ length: 100 }, () => seedEntry()) });
  await withServer((_req, res) => void res.writeHead(200, { "Content-Type": "application/json" }).end(body), async (base) => {
    await assert.rejects(listLoginLogs(newClient(base, demoToken), demoUser, demoClient, undefined, { maxBody: 1000 }),
      /longer than its limit, 1000 bytes/);
  });
});

test("an error body that never ends is read to 64 KiB, not to its end", { timeout: 20_000 }, async () => {
  await withServer((_req, res) => {
    res.writeHead(503, { "Content-Type": "application/json" });
    const more = (): void => {
      while (!res.destroyed && res.write(`{"error":"${"x".repeat(16 << 10)}"}`));
      if (!res.destroyed) res.once("drain", more);
    };
    res.on("close", () => res.removeAllListeners("drain"));
    more();
  }, async (base) => {
    const got = await listLoginLogs(newClient(base, demoToken), demoUser, demoClient, undefined, { retries: 0 });
    assert.deepEqual(got, { kind: "error", status: 503, error: undefined, body: cut(`{"error":"${"x".repeat(200)}`) });
  });
});

// A user id that a URL resolves away as a dot segment, or an empty one (the contract's minLength
// is 1), is refused before anything is sent, as in the Go SDK: fetch's URL parser would send the
// request, with the token, to another path than /users/{userid}/loginlogs (".." to /loginlogs).
test("a user id that is no path segment is refused before anything is sent", async () => {
  const paths: string[] = [];
  await withServer((req, res) => {
    paths.push(req.url ?? "");
    res.writeHead(200, { "Content-Type": "application/json" }).end('{"login_logs":[]}');
  }, async (base) => {
    for (const id of ["", ".", ".."]) {
      await assert.rejects(listLoginLogs(newClient(base, demoToken), id, demoClient), /user id/, `user ${JSON.stringify(id)}`);
    }
    for (const id of ["...", ".a", "a/..", "%2e%2e"]) {
      assert.equal((await listLoginLogs(newClient(base, demoToken), id, demoClient)).kind, "ok", `user ${JSON.stringify(id)}`);
    }
  });
  assert.deepEqual(paths.map((p) => p.split("?")[0]),
    ["/api/v1/users/.../loginlogs", "/api/v1/users/.a/loginlogs", "/api/v1/users/a%2F../loginlogs", "/api/v1/users/%252e%252e/loginlogs"]);
});

// newClient refuses what cannot make a request, quoting neither the token nor a URL's password,
// as the Go SDK's New does: fetch's own errors quote the header (a token holding a line break)
// and the URL (a password in it).
test("newClient refuses a token or a base URL that cannot make a request, quoting no secret", () => {
  const secret = "tok_secret_0123456789";
  for (const tok of ["", `${secret}\n`, `${secret}\r\nX-Evil: 1`, `${secret}\u0000`, `${secret} x`, `${secret}€`, `${secret}\u007f`]) {
    assert.throws(() => newClient("http://127.0.0.1:8080/api/v1", tok), (e: Error) => /token/.test(e.message) && !e.message.includes(secret),
      `token ${JSON.stringify(tok)}`);
  }
  for (const url of ["api/v1", "127.0.0.1:8080/api/v1", "ftp://example.com/api/v1", "http://127.0.0.1:8080/api/v1?x=1", "http://127.0.0.1:8080/api/v1#f",
    "http://127.0.0.1:8080/api/v1?", "http://user:pa55w0rd-secret@127.0.0.1:8080/api/v1"]) {
    assert.throws(() => newClient(url, secret), (e: Error) => /base URL/.test(e.message) && !e.message.includes("pa55w0rd-secret") && !e.message.includes(secret),
      `base URL ${url}`);
  }
  newClient("https://api.ssojet.com/api/v1", secret);
  newClient("http://127.0.0.1:8080", secret);
});

// A 304 answers only a conditional request: to one without If-None-Match it is an error, as in
// the Go SDK, not "not-modified" for logs the caller never had.
test("a 304 to a request without If-None-Match is an error", async () => {
  await withServer((_req, res) => void res.writeHead(304, { ETag: '"x"' }).end(), async (base) => {
    assert.deepEqual(await listLoginLogs(newClient(base, demoToken), demoUser, demoClient), { kind: "error", status: 304, error: undefined });
    assert.deepEqual(await listLoginLogs(newClient(base, demoToken), demoUser, demoClient, '"x"'), { kind: "not-modified", etag: '"x"' });
  });
});

// Only a 200 carries the logs, as in the Go SDK: another 2xx (a proxy's 203, a 206 of part of a
// body) is an error with its status, its body read as any error's.
test("a 2xx other than 200 is an error with its status, even with login logs in it", async () => {
  for (const [status, body, error, start] of [
    [206, JSON.stringify({ login_logs: [seedEntry()] }), undefined, cut(JSON.stringify({ login_logs: [seedEntry()] }))],
    [203, JSON.stringify({ error: "invalid_token", error_description: "echo " + demoToken, error_code: 1002 }),
      { error: "invalid_token", error_description: "echo REDACTED", error_code: 1002 }, undefined],
  ] as const) {
    await withServer((_req, res) => void res.writeHead(status, { "Content-Type": "application/json" }).end(body), async (base) => {
      assert.deepEqual(await listLoginLogs(newClient(base, demoToken), demoUser, demoClient),
        { kind: "error", status, error, ...(start === undefined ? {} : { body: start }) });
    });
  }
});

/** FakeClock never waits: it records each wait asked of it and moves its time on by that much, as the Go SDK's tests' clock. */
class FakeClock implements Clock {
  waits: number[] = [];
  constructor(public t: number) {}
  now = (): number => this.t;
  sleep = async (ms: number, signal: AbortSignal): Promise<void> => {
    this.waits.push(ms);
    this.t += ms;
    if (signal.aborted) throw signal.reason;
  };
}

/** fakeStart is an hour ahead of the real time, on a whole second (an HTTP date's precision): a deadline set from it lies in the real future. */
const fakeStart = (): number => Math.floor(Date.now() / 1000) * 1000 + 3_600_000;

/**
 * canned answers the first requests with canned answers (a status, a Retry-After, "" for none, and
 * a body, SSOJet's error JSON unless given) and passes the others on to the reference server; n counts the requests.
 */
function canned(answers: (readonly [status: number, retryAfter: string, body?: string])[]): { n: number; handle: RequestListener } {
  const bodies: Record<number, object> = {
    429: { error: "rate_limit_exceeded", error_code: 829, error_description: "Slow down." },
    503: { error: "service_unavailable", error_code: 853, error_description: "Later." },
    500: { error: "internal_server_error", error_code: 850, error_description: "Oops." },
  };
  const c = {
    n: 0,
    handle: ((req, res) => {
      const answer = answers[c.n++];
      if (answer === undefined) {
        void fetch(new URL(req.url ?? "", base), { headers: { Authorization: req.headers.authorization ?? "", Accept: "application/json" } })
          .then(async (r) => res.writeHead(r.status, { "Content-Type": r.headers.get("Content-Type") ?? "" }).end(await r.text()));
        return;
      }
      const [status, after, body] = answer;
      res.writeHead(status, { "Content-Type": "application/json", ...(after === "" ? {} : { "Retry-After": after }) })
        .end(body ?? JSON.stringify(bodies[status]));
    }) as RequestListener,
  };
  return c;
}

// Which answers are retried, how often, and how long the client waits before each retry, as in
// the Go SDK (api/ssojet TestRetries), in front of the reference server, on a clock that never waits.
test("429 and 503 are retried after their Retry-After, as the Go SDK retries them", async () => {
  const start = fakeStart();
  const date = (ms: number): string => new Date(start + ms).toUTCString();
  const d = new Date(start + 7000);
  const day = d.toUTCString().slice(0, 3);
  const rfc850 = `${{ Mon: "Monday", Tue: "Tuesday", Wed: "Wednesday", Thu: "Thursday", Fri: "Friday", Sat: "Saturday", Sun: "Sunday" }[day]}, ` +
    d.toUTCString().slice(5, 16).replaceAll(" ", "-").replace(/-\d\d(\d\d)$/, "-$1") + d.toUTCString().slice(16);
  const asctime = `${day} ${d.toUTCString().slice(8, 11)} ${String(d.getUTCDate()).padStart(2, " ")} ${d.toUTCString().slice(17, 25)} ${d.getUTCFullYear()}`;
  const cases: [name: string, options: { retries?: number; maxRetryWaitMs?: number }, answers: [number, string][], status: number, requests: number, waits: number[], retryAfterMs?: number][] = [
    ["503 with seconds, then 200", {}, [[503, "0"]], 200, 2, [0]],
    ["503 with 3 s, then 200", {}, [[503, "3"]], 200, 2, [3000]],
    ["503 with an HTTP date, then 200", {}, [[503, date(7000)]], 200, 2, [7000]],
    ["503 with an RFC 850 date, then 200", {}, [[503, rfc850]], 200, 2, [7000]],
    ["503 with an asctime date, then 200", {}, [[503, asctime]], 200, 2, [7000]],
    ["503 with an HTTP date in the past, then 200", {}, [[503, date(-3_600_000)]], 200, 2, [0]],
    ["429 without Retry-After, then 200", {}, [[429, ""]], 200, 2, [1000]],
    ["two 429s without Retry-After, then 200", {}, [[429, ""], [429, ""]], 200, 3, [1000, 2000]],
    ["a negative Retry-After is none", {}, [[503, "-5"]], 200, 2, [1000]],
    ["a Retry-After that is not a number is none", {}, [[503, "soon"]], 200, 2, [1000]],
    ["a date on 30 February is none", {}, [[503, "Mon, 30 Feb 2026 10:00:00 GMT"]], 200, 2, [1000]],
    ["two 503s, then 200", {}, [[503, "0"], [503, "0"]], 200, 3, [0, 0]],
    ["three 503s: the retries run out", {}, [[503, "0"], [503, "0"], [503, "0"]], 503, 3, [0, 0], 0],
    ["retries: 1", { retries: 1 }, [[503, "0"], [503, "0"]], 503, 2, [0], 0],
    ["retries: 0", { retries: 0 }, [[503, "0"]], 503, 1, [], 0],
    ["Retry-After beyond the cap", {}, [[503, "120"]], 503, 1, [], 120_000],
    ["Retry-After of more digits than int64 holds", {}, [[503, "9".repeat(40)]], 503, 1, [], 2 ** 32 * 1000],
    ["Retry-After beyond maxRetryWaitMs", { maxRetryWaitMs: 1000 }, [[503, "2"]], 503, 1, [], 2000],
    ["an HTTP date beyond the cap", {}, [[503, date(60_000)]], 503, 1, [], 60_000],
    ["500 is not retried", {}, [[500, "0"]], 500, 1, []],
  ];
  for (const [name, options, answers, status, requests, waits, retryAfterMs] of cases) {
    const api = canned(answers);
    await withServer(api.handle, async (base) => {
      const clock = new FakeClock(start);
      const got = await listLoginLogs(newClient(base, demoToken), demoUser, demoClient, undefined, { ...options, clock });
      assert.equal(api.n, requests, `${name}: requests`);
      assert.deepEqual(clock.waits, waits, `${name}: waits`);
      if (status === 200) {
        assert.deepEqual(got.kind === "ok" ? got.logs : got, seedLogs(), name);
        return;
      }
      assert.equal(got.kind, "error", `${name}: ${JSON.stringify(got)}`);
      if (got.kind !== "error") return;
      assert.equal(got.status, status, name);
      assert.equal(got.retryAfterMs, retryAfterMs, `${name}: retryAfterMs`);
      assert.ok(got.error !== undefined, `${name}: SSOJet's error JSON`);
    });
  }
});

// A wait before a retry that would end at or after the deadline is not begun: the call rejects
// at once, saying how long the API asked to wait and how long was left (api/ssojet
// TestRetryPastTheDeadline). The clock never waits and the deadline lies an hour or more in the
// real future, so only the client's reading of it can end the call.
test("a retry whose wait would end at or after the deadline is not begun", async () => {
  for (const [name, answer, deadlineMs, want] of [
    ["Retry-After past the deadline", [503, "7200"], 3_600_000,
      "503: service_unavailable (853): Later.; the API asked to wait 7200 s to retry, longer than the deadline allows (3600 s left)"],
    ["Retry-After up to the deadline", [429, "3600"], 3_600_000,
      "429: rate_limit_exceeded (829): Slow down.; the API asked to wait 3600 s to retry, longer than the deadline allows (3600 s left)"],
    ["the second try's wait without Retry-After", [429, ""], 500,
      "429: rate_limit_exceeded (829): Slow down.; the next try is due in 1 s (no Retry-After) to retry, longer than the deadline allows (500 ms left)"],
    ["a page, not SSOJet's error JSON", [503, "60", `<p>Back\nsoon ${demoToken}</p>`], 30_000,
      "503: not SSOJet's error JSON: <p>Back soon REDACTED</p>; the API asked to wait 60 s to retry, longer than the deadline allows (30 s left)"],
    ["an empty body", [503, "60", ""], 30_000,
      "503 (empty body); the API asked to wait 60 s to retry, longer than the deadline allows (30 s left)"],
  ] as const) {
    const api = canned([answer]);
    await withServer(api.handle, async (base) => {
      const clock = new FakeClock(fakeStart());
      const call = listLoginLogs(newClient(base, demoToken), demoUser, demoClient, undefined,
        { clock, maxRetryWaitMs: 3 * 3_600_000, deadline: new Date(clock.now() + deadlineMs) });
      await assert.rejects(call, (e: unknown) => {
        assert.ok(e instanceof RetryDeadlineError, `${name}: ${String(e)}`);
        assert.equal(e.name, "TimeoutError");
        assert.equal(e.message, want, name);
        assert.equal(e.answer.status, answer[0], name);
        return true;
      });
      assert.deepEqual(clock.waits, [], `${name}: waited before failing`);
      assert.equal(api.n, 1, `${name}: requests`);
    });
  }

  // A wait that ends before the deadline is waited, and the retry gets the logs.
  const api = canned([[503, "1800"]]);
  await withServer(api.handle, async (base) => {
    const clock = new FakeClock(fakeStart());
    const got = await listLoginLogs(newClient(base, demoToken), demoUser, demoClient, undefined,
      { clock, maxRetryWaitMs: 3 * 3_600_000, deadline: clock.now() + 3_600_000 });
    assert.deepEqual(got.kind === "ok" ? got.logs : got, seedLogs());
    assert.deepEqual(clock.waits, [1_800_000]);
  });
});

test("the signal ends a wait before a retry, with its reason", { timeout: 20_000 }, async () => {
  const api = canned([[503, "20"]]);
  await withServer(api.handle, async (base) => {
    const stop = new AbortController();
    const clock: Clock = {
      now: systemClock.now,
      sleep: (ms, signal) => {
        const slept = systemClock.sleep(ms, signal); // the real wait, which only the signal can end before 20 s
        stop.abort(new Error("the caller gave up"));
        return slept;
      },
    };
    await assert.rejects(listLoginLogs(newClient(base, demoToken), demoUser, demoClient, undefined, { clock, signal: stop.signal }),
      /the caller gave up/);
    assert.equal(api.n, 1);
  });
});

// timeoutMs bounds each wait for an answer, as the Go SDK's WithTimeout: not the wait before a
// retry, which only the deadline and the signal end.
test("timeoutMs does not end the wait before a retry", { timeout: 20_000 }, async () => {
  const api = canned([[503, "1"]]);
  await withServer(api.handle, async (base) => {
    const clock: Clock = { now: systemClock.now, sleep: (_ms, signal) => systemClock.sleep(300, signal) };
    const got = await listLoginLogs(newClient(base, demoToken), demoUser, demoClient, undefined, { clock, timeoutMs: 50 });
    assert.deepEqual(got.kind === "ok" ? got.logs : got, seedLogs());
  });
});

test("the deadline ends a call whose answer stalls, with a TimeoutError", { timeout: 20_000 }, async () => {
  await withServer(() => {}, async (base) => {
    await assert.rejects(listLoginLogs(newClient(base, demoToken), demoUser, demoClient, undefined, { timeoutMs: 0, deadline: Date.now() + 200 }),
      (e: Error) => e.name === "TimeoutError" && /deadline/.test(e.message));
  });
});

test("retries, maxRetryWaitMs and deadline out of range are refused before anything is sent", async () => {
  const sent: string[] = [];
  await withServer((req, res) => void res.writeHead(200).end(sent.push(req.url ?? "")), async (base) => {
    for (const options of [{ retries: -1 }, { retries: 1.5 }, { retries: Number.NaN }, { retries: Infinity }, { maxRetryWaitMs: -1 },
      { maxRetryWaitMs: Number.NaN }, { deadline: new Date("no date") }] as const) {
      await assert.rejects(listLoginLogs(newClient(base, demoToken), demoUser, demoClient, undefined, options), RangeError, JSON.stringify(options));
    }
  });
  assert.deepEqual(sent, []);
});

// As the Go SDK's Snapshot: a 304 without an ETag leaves the caller with the ETag it sent, not
// null, which would make the next call unconditional.
test("a 304 without an ETag answers the ETag sent", async () => {
  await withServer((_req, res) => void res.writeHead(304).end(), async (base) => {
    assert.deepEqual(await listLoginLogs(newClient(base, demoToken), demoUser, demoClient, '"x"'), { kind: "not-modified", etag: '"x"' });
  });
});

// As the Go SDK's WithMaxBody, a maxBody of 0 or less (or NaN) is the default, not a limit that
// refuses every 200.
test("maxBody of 0 or less is the default", async () => {
  await withServer((_req, res) => void res.writeHead(200, { "Content-Type": "application/json" }).end('{"login_logs":[]}'), async (base) => {
    for (const maxBody of [0, -1, Number.NaN]) {
      assert.deepEqual(await listLoginLogs(newClient(base, demoToken), demoUser, demoClient, undefined, { maxBody }),
        { kind: "ok", logs: [], etag: null }, `maxBody ${maxBody}`);
    }
  });
});

// As the Go SDK's New, an empty base URL is SSOJet's API.
test("newClient with an empty base URL calls https://api.ssojet.com/api/v1", async () => {
  const urls: string[] = [];
  const client = newClient("", demoToken);
  client.use({ onRequest: ({ request }) => { urls.push(request.url); return new Response('{"login_logs":[]}', { headers: { "Content-Type": "application/json" } }); } });
  assert.equal((await listLoginLogs(client, demoUser, demoClient)).kind, "ok");
  assert.deepEqual(urls, [`https://api.ssojet.com/api/v1/users/${demoUser}/loginlogs?client_id=${encodeURIComponent(demoClient)}`]);
});

// As the Go SDK's APIError.Body: the start of a body that is not SSOJet's error JSON (a proxy's
// page, JSON of another shape) says what went wrong, on one line, bounded, the token redacted.
test("an error body that is not SSOJet's error JSON is answered as its start, inert", async () => {
  for (const [status, type, body, start] of [
    [502, "text/html", `<html>\n  <h1>Bad   gateway</h1>\n\t${demoToken}\u001b[2J ${"y".repeat(300)}</html>`,
      cut(`<html> <h1>Bad gateway</h1> REDACTED\u001b[2J ${"y".repeat(300)}`).replace("\u001b", "\\x1b")],
    [400, "application/json", '{"message":"bad request"}', '{"message":"bad request"}'],
    [403, "text/plain", "", undefined],
  ] as const) {
    await withServer((_req, res) => void res.writeHead(status, { "Content-Type": type }).end(body), async (base) => {
      assert.deepEqual(await listLoginLogs(newClient(base, demoToken), demoUser, demoClient),
        { kind: "error", status, error: undefined, ...(start === undefined ? {} : { body: start }) }, `${status} ${body.slice(0, 30)}`);
    });
  }
});
