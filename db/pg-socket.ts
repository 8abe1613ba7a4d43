import net from "node:net";

/** What postgres.js passes a custom socket function (its parsed connection options). */
type SocketTarget = { host: string[]; port: number[]; path?: string | false };

/**
 * A connected socket with Nagle's algorithm off, for postgres.js's `socket` option. postgres.js
 * leaves it on (libpq turns it off), so a small message sent while an earlier one is still
 * unacknowledged waits for the server's delayed ACK, about 40 ms: measured between the statements
 * of every day a history backfill wrote, a third of each day's write time.
 */
export function connectWithoutDelay({ host, port, path }: SocketTarget): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = path ? net.connect(path) : net.connect({ host: host[0] ?? "localhost", port: port[0] ?? 5432 });
    socket.setNoDelay(true);
    socket.once("error", reject);
    socket.once("connect", () => {
      socket.off("error", reject);
      resolve(socket);
    });
  });
}
