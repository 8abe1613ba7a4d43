import { decode, encode } from "next-auth/jwt";
import { ensureAuthSecret } from "./secret";

const SECURE_NAME = "__Secure-authjs.session-token";
const PLAIN_NAME = "authjs.session-token";

function parseCookies(header: string): [string, string][] {
  return header
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf("=");
      return at < 0 ? [part, ""] : [part.slice(0, at), part.slice(at + 1)];
    });
}

/**
 * The requester's cookie header for a request the server sends to itself over plain http (the PDF
 * renderer). Behind https, Auth.js names the session cookie `__Secure-authjs.session-token` and
 * encrypts it with that name as salt; over http it reads `authjs.session-token`. The same session
 * (same user, session version and expiry) is re-issued under the plain name; everything else is
 * passed on as it came. A cookie that does not decode is dropped: the page then answers "signed out".
 */
export async function cookieForPlainHttp(header: string, secret: string = ensureAuthSecret()): Promise<string> {
  const cookies = parseCookies(header);
  const isSecureSession = (name: string) => name === SECURE_NAME || name.startsWith(`${SECURE_NAME}.`);
  const chunks = cookies.filter(([name]) => isSecureSession(name)).sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }));
  if (chunks.length === 0) return header;
  const rest = cookies.filter(([name]) => !isSecureSession(name) && name !== PLAIN_NAME && !name.startsWith(`${PLAIN_NAME}.`));
  const token = await decode({ token: chunks.map(([, value]) => value).join(""), secret, salt: SECURE_NAME }).catch(() => null);
  const exp = typeof token?.exp === "number" ? token.exp - Math.floor(Date.now() / 1000) : 0;
  if (!token || exp <= 0) return rest.map(([n, v]) => `${n}=${v}`).join("; ");
  const plain = await encode({ token, secret, salt: PLAIN_NAME, maxAge: exp });
  return [...rest, [PLAIN_NAME, plain]].map(([n, v]) => `${n}=${v}`).join("; ");
}
