import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };
export type Reply = { status: number; body: string };

/**
 * A local HTTP server on a loopback port (port 0) that records every request, standing in for a
 * webhook receiver or a group bot. `reply` decides each answer (default 200 with `{}`).
 */
export async function startHttpReceiver(reply: (request: ReceivedRequest, index: number) => Reply = () => ({ status: 200, body: "{}" })) {
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(request);
      const answer = reply(request, requests.length - 1);
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
