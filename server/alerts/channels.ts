import { createHmac } from "node:crypto";
import type { AlertChannel } from "@/lib/contracts/alerts";
import { sendTextMail } from "@/server/mail/mailer";
import { plainText, renderMessage, type MessageMention, type OutboundMessage, type RenderedMessage } from "./message";

/** An endpoint ready to send to: its secret decrypted (server/alerts/endpoints.ts loadEndpointTarget). */
export type EndpointTarget = { channel: AlertChannel; target: string; secret: string | null };

/** What one attempt gave: the delivery log keeps it. `retryable` is false when trying again cannot help. */
export type SendOutcome = { ok: boolean; httpStatus: number | null; error: string | null; retryable: boolean };

const TIMEOUT_MS = 10_000;
const MOBILE = /^\+?\d{6,15}$/;

/** `sha256=<hex>` of the raw body keyed with the endpoint's secret: the generic webhook's X-Koubei-Signature. */
export function webhookSignature(secret: string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody, "utf8").digest("hex")}`;
}

/** Feishu custom bot: HMAC-SHA256 keyed with `timestamp\nsecret` over an empty message, base64 (timestamp in seconds). */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac("sha256", `${timestampSeconds}\n${secret}`).update("").digest("base64");
}

/** DingTalk custom robot: HMAC-SHA256 of `timestamp\nsecret` keyed with the secret, base64 (timestamp in milliseconds); sent URL-encoded. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac("sha256", secret).update(`${timestampMs}\n${secret}`, "utf8").digest("base64");
}

function feishuBody(rendered: RenderedMessage, mentions: readonly MessageMention[], secret: string | null, now: number) {
  const ats = mentions.flatMap((m) => (m.feishu ? [`<at user_id="${m.feishu}">${m.name}</at>`] : []));
  const text = [plainText(rendered), ...(ats.length ? [ats.join(" ")] : [])].join("\n");
  const timestamp = Math.floor(now / 1000);
  return { ...(secret ? { timestamp: String(timestamp), sign: feishuSign(secret, timestamp) } : {}), msg_type: "text", content: { text } };
}

function wecomBody(rendered: RenderedMessage, mentions: readonly MessageMention[]) {
  const ids = mentions.flatMap((m) => (m.wecom ? [m.wecom] : []));
  return {
    msgtype: "text",
    text: { content: plainText(rendered), mentioned_list: ids.filter((id) => !MOBILE.test(id)), mentioned_mobile_list: ids.filter((id) => MOBILE.test(id)) },
  };
}

function dingtalkRequest(url: string, rendered: RenderedMessage, mentions: readonly MessageMention[], secret: string | null, now: number) {
  const ids = mentions.flatMap((m) => (m.dingtalk ? [m.dingtalk] : []));
  const mobiles = ids.filter((id) => MOBILE.test(id));
  const userIds = ids.filter((id) => !MOBILE.test(id));
  // DingTalk shows an @ only when the text names the mentioned person too.
  const ats = ids.map((id) => `@${id}`).join(" ");
  const body = { msgtype: "text", text: { content: [plainText(rendered), ...(ats ? [ats] : [])].join("\n") }, at: { atMobiles: mobiles, atUserIds: userIds, isAtAll: false } };
  if (!secret) return { url, body };
  const signed = new URL(url);
  signed.searchParams.set("timestamp", String(now));
  signed.searchParams.set("sign", dingtalkSign(secret, now));
  return { url: signed.toString(), body };
}

async function postJson(url: string, rawBody: string, headers: Record<string, string>, botReply: boolean): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "content-type": "application/json; charset=utf-8", "user-agent": "Koubei-Alerts/1", ...headers }, body: rawBody, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    return { ok: false, httpStatus: null, error: (error as Error).message.slice(0, 500), retryable: true };
  }
  const text = (await response.text().catch(() => "")).slice(0, 2000);
  if (!response.ok) return { ok: false, httpStatus: response.status, error: text.slice(0, 500) || response.statusText, retryable: response.status >= 500 || response.status === 429 };
  if (botReply) {
    // The bots answer 200 with their own error code (a bad signature, a wrong key).
    const reply = safeJson(text);
    const code = reply?.code ?? reply?.errcode ?? reply?.StatusCode ?? 0;
    if (code !== 0) return { ok: false, httpStatus: response.status, error: text.slice(0, 500), retryable: false };
  }
  return { ok: true, httpStatus: response.status, error: null, retryable: false };
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Sends one channel-neutral message to one endpoint, once (retries belong to the delivery
 * queue). Every channel renders the message in its `locale`; the group bots add their signing and
 * @-mentions; the generic webhook posts `data` with the text and signs the raw body.
 */
export async function sendToEndpoint(endpoint: EndpointTarget, message: OutboundMessage, options: { now?: number } = {}): Promise<SendOutcome> {
  const now = options.now ?? Date.now();
  const rendered = renderMessage(message);
  switch (endpoint.channel) {
    case "webhook": {
      const raw = JSON.stringify({ ...message.data, title: rendered.title, text: rendered.lines.join("\n"), link: rendered.link });
      return postJson(endpoint.target, raw, endpoint.secret ? { "X-Koubei-Signature": webhookSignature(endpoint.secret, raw) } : {}, false);
    }
    case "feishu":
      return postJson(endpoint.target, JSON.stringify(feishuBody(rendered, message.mentions, endpoint.secret, now)), {}, true);
    case "wecom":
      return postJson(endpoint.target, JSON.stringify(wecomBody(rendered, message.mentions)), {}, true);
    case "dingtalk": {
      const request = dingtalkRequest(endpoint.target, rendered, message.mentions, endpoint.secret, now);
      return postJson(request.url, JSON.stringify(request.body), {}, true);
    }
    case "email":
      try {
        const sent = await sendTextMail({ to: endpoint.target, subject: rendered.title, text: plainText(rendered) });
        return sent ? { ok: true, httpStatus: null, error: null, retryable: false } : { ok: false, httpStatus: null, error: "smtp_not_configured", retryable: false };
      } catch (error) {
        return { ok: false, httpStatus: null, error: (error as Error).message.slice(0, 500), retryable: true };
      }
  }
}
