// Misuses of the generated types that strict type-checking must refuse. Each is marked as an
// expected error: were the types loose enough to accept one, tsc would fail the build.
import type { Client } from "openapi-fetch";
import type { paths, SchemaLoginLog } from "../../gen/ts/ssojet.js";

export async function misuses(client: Client<paths>, log: SchemaLoginLog): Promise<void> {
  // @ts-expect-error LoginLog has IpAddress, not ipAddress: the fields are the seed's spelling.
  void log.ipAddress;
  // @ts-expect-error CreatedAt is a string (RFC 3339), not a Date.
  const when: Date = log.CreatedAt;
  void when;
  // @ts-expect-error client_id is required.
  await client.GET("/users/{userid}/loginlogs", { params: { path: { userid: "u" }, query: {} } });
  // @ts-expect-error userid is a path parameter and required.
  await client.GET("/users/{userid}/loginlogs", { params: { query: { client_id: "c" } } });
  // @ts-expect-error The API has no POST.
  await client.POST("/users/{userid}/loginlogs", {});
  // @ts-expect-error SSOJet's newer paginated shape (audit_logs) is not this contract's.
  await client.GET("/users/{userid}/loginlogs", { params: { path: { userid: "u" }, query: { client_id: "c" } } }).then((r) => r.data?.audit_logs);
}
