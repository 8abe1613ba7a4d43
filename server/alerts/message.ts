import type { Locale } from "@/lib/contracts/locales";
import type { StoredText } from "@/lib/contracts/message";
import { translate } from "@/server/lib/i18n";

/** How one member is @-mentioned on each group bot (their own ids, from their alert preferences). */
export type MessageMention = {
  name: string;
  /** Feishu open_id / user_id. */
  feishu: string | null;
  /** WeCom userid or mobile. */
  wecom: string | null;
  /** DingTalk userId or mobile. */
  dingtalk: string | null;
};

/**
 * A message for any channel, written as message keys (or plain text) and rendered in `locale`
 * when sent: alerts build one per fired rule, the daily and weekly digests build theirs.
 * `data` is the machine-readable part a generic webhook's JSON body carries beside the text.
 */
export type OutboundMessage = {
  locale: Locale;
  title: StoredText;
  lines: StoredText[];
  link: string | null;
  mentions: MessageMention[];
  data?: Record<string, unknown>;
};

export type RenderedMessage = { title: string; lines: string[]; link: string | null };

export function renderMessage(message: OutboundMessage): RenderedMessage {
  return { title: translate(message.locale, message.title), lines: message.lines.map((line) => translate(message.locale, line)), link: message.link };
}

/** Title, lines and link as plain text, one per line (bots, e-mail). */
export function plainText(rendered: RenderedMessage): string {
  return [rendered.title, ...rendered.lines, ...(rendered.link ? [rendered.link] : [])].join("\n");
}
