/**
 * HTTP as a browser would speak it to the app: Auth.js's credentials sign-in (CSRF token, form
 * post, session cookie kept), tRPC calls (superjson envelopes) and raw-body uploads.
 */
export type Session = { cookie: string; orgId: string };

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").filter(Boolean);
}

export async function signIn(base: string, credentials: { email: string; password: string }, orgId: string): Promise<Session> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  if (!csrf.ok) throw new Error(`csrf: HTTP ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email: credentials.email, password: credentials.password, callbackUrl: `${base}/` });
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; ") },
    body: form,
  });
  const session = cookiesOf(response).find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in of ${credentials.email} gave no session (HTTP ${response.status} → ${response.headers.get("location")})`);
  return { cookie: session, orgId };
}

export const sessionHeaders = (s: Session) => ({ cookie: s.cookie, "x-koubei-org": s.orgId, "x-koubei-locale": "zh-CN" });

export const trpcQueryPath = (procedure: string, input: unknown) => `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

/** Several queries in one request, as the client's batch link sends a page's queries. */
export function trpcBatchPath(calls: readonly [procedure: string, input: unknown][]): string {
  const inputs = Object.fromEntries(calls.map(([, input], i) => [String(i), { json: input }]));
  return `/api/trpc/${calls.map(([procedure]) => procedure).join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
}

type TrpcAnswer<T> = { ok: true; data: T } | { ok: false; status: number; error: string };

async function trpcAnswer<T>(response: Response): Promise<TrpcAnswer<T>> {
  const body = (await response.json()) as { result?: { data?: { json?: T } }; error?: { json?: { message?: string } } };
  if (response.ok && body.result?.data) return { ok: true, data: body.result.data.json as T };
  return { ok: false, status: response.status, error: body.error?.json?.message ?? `HTTP ${response.status}` };
}

export async function trpcQuery<T>(base: string, s: Session, procedure: string, input: unknown): Promise<TrpcAnswer<T>> {
  return trpcAnswer<T>(await fetch(`${base}${trpcQueryPath(procedure, input)}`, { headers: sessionHeaders(s) }));
}

export async function trpcMutation<T>(base: string, s: Session, procedure: string, input: unknown): Promise<TrpcAnswer<T>> {
  const response = await fetch(`${base}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { ...sessionHeaders(s), "content-type": "application/json" },
    body: JSON.stringify({ json: input }),
  });
  return trpcAnswer<T>(response);
}

export type UploadAnswer = { ok: true; uploadId: string } | { ok: false; status: number; error: string };

/** Sends the file as the raw body (name in x-file-name), as the upload form's fetch does. */
export async function upload(base: string, s: Session, fileName: string, body: Uint8Array | ReadableStream<Uint8Array>): Promise<UploadAnswer> {
  const response = await fetch(`${base}/api/imports/upload`, {
    method: "POST",
    headers: { ...sessionHeaders(s), "content-type": "application/octet-stream", "x-file-name": encodeURIComponent(fileName) },
    body,
    duplex: "half",
  } as RequestInit);
  const answer = (await response.json().catch(() => ({}))) as { uploads?: { uploadId: string }[]; error?: { message?: string }; message?: string };
  const first = answer.uploads?.[0];
  if (response.ok && first) return { ok: true, uploadId: first.uploadId };
  return { ok: false, status: response.status, error: answer.error?.message ?? answer.message ?? `HTTP ${response.status}` };
}
