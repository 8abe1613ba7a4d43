import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { clientAddress, PEER_HEADER } from "@/server/auth/client-address";
import { installPeerAddressHook } from "@/server/auth/peer-address-hook";

it("records the TCP peer over whatever the client claims in headers", async () => {
  installPeerAddressHook();
  installPeerAddressHook(); // idempotent
  const seen: string[] = [];
  const server = http.createServer((request, response) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
    seen.push(clientAddress(headers));
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: "203.0.113.5", "x-forwarded-for": "203.0.113.6" } });
    expect(response.status).toBe(200);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  expect(seen).toEqual(["127.0.0.1"]);
});
