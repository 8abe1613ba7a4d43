import http from "node:http";
import https from "node:https";
import { PEER_HEADER } from "./client-address";

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
const INSTALLED = Symbol.for("koubei.peerAddressHook");

/**
 * Next.js route handlers never see the socket, and Next only fills X-Forwarded-For when the client
 * sent none, so a spoofed header would hide the real peer. Every incoming request gets the TCP
 * peer's address in PEER_HEADER instead, overwriting whatever the client sent under that name.
 * Installed once, from instrumentation.ts, in the server process.
 */
export function installPeerAddressHook() {
  for (const proto of [http.Server.prototype, https.Server.prototype] as unknown as { emit: Emit; [INSTALLED]?: true }[]) {
    if (proto[INSTALLED]) continue;
    const original = proto.emit;
    proto.emit = function (this: unknown, event, ...args) {
      if (event === "request") {
        const request = args[0] as http.IncomingMessage;
        request.headers[PEER_HEADER] = request.socket.remoteAddress ?? "";
      }
      return original.call(this, event, ...args);
    };
    proto[INSTALLED] = true;
  }
}
