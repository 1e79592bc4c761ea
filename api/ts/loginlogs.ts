// A small client of the login-logs endpoint over openapi-fetch and the types that
// openapi-typescript generates from api/openapi.yaml into gen/ts/ssojet.ts.
import createClient, { type Client } from "openapi-fetch";
import type { paths, SchemaError, SchemaLoginLog } from "../../gen/ts/ssojet.js";

/**
 * What listLoginLogs answers: the logs, "not modified", or the error the API sent. A 200 whose
 * body is not JSON with a login_logs array (an HTML page, SSOJet's newer paginated shape) is an
 * error too, with its status and error undefined.
 */
export type LoginLogsAnswer =
  | { kind: "ok"; logs: SchemaLoginLog[]; etag: string | null }
  | { kind: "not-modified"; etag: string | null }
  | { kind: "error"; status: number; error: SchemaError | undefined };

/**
 * newClient returns an openapi-fetch client of baseUrl (e.g. https://api.ssojet.com/api/v1) sending
 * token. It follows no redirect (the contract documents none, and following one would send the
 * token somewhere the caller did not name): a 3xx is answered as an error with its status.
 */
export function newClient(baseUrl: string, token: string): Client<paths> {
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

/**
 * listLoginLogs reads a user's login logs. With ifNoneMatch (an earlier answer's ETag) an
 * unchanged user is answered "not-modified" without a body.
 */
export async function listLoginLogs(
  client: Client<paths>,
  userId: string,
  clientId: string,
  ifNoneMatch?: string,
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
  });
  // The generated types say ETag: string on 200 and 304, but the header is optional on the
  // wire (SSOJet is not known to send it): read it from the Response, where it is string | null.
  const etag = response.headers.get("ETag");
  // openapi-fetch reports any status outside 2xx in `error`, and a 304 (no body) as error === "":
  // test the status before `data` and `error`.
  if (response.status === 304) {
    return { kind: "not-modified", etag };
  }
  const body = data === undefined ? undefined : parseJSON(data);
  if (isLoginLogsBody(body)) {
    return { kind: "ok", logs: body.login_logs, etag };
  }
  return { kind: "error", status: response.status, error: isErrorBody(error) ? error : undefined };
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
function isLoginLogsBody(v: unknown): v is { login_logs: SchemaLoginLog[] } {
  return typeof v === "object" && v !== null && "login_logs" in v && Array.isArray(v.login_logs);
}

/** isErrorBody tells SSOJet's error JSON from an empty or non-JSON body. */
function isErrorBody(v: unknown): v is SchemaError {
  return typeof v === "object" && v !== null && "error" in v && "error_description" in v && "error_code" in v;
}
