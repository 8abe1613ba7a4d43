import type { DigestMessage, RenderedDigest } from "@/lib/contracts/digest";
import type { Locale } from "@/lib/contracts/locales";
import { translate } from "@/server/lib/i18n";

/** The digest in one language, as every channel sends it (plain strings; the link stays a path unless a base is given). */
export function renderDigest(message: DigestMessage, locale: Locale, baseUrl = ""): RenderedDigest {
  return {
    kind: message.kind,
    day: message.day,
    title: translate(locale, message.title),
    summary: translate(locale, message.summary),
    sections: message.sections.map((s) => ({ section: s.section, heading: translate(locale, s.heading), lines: s.lines.map((line) => translate(locale, line)) })),
    link: `${baseUrl}${message.link}`,
  };
}

/** The rendered digest as plain text (an e-mail's body, a group bot's text message). */
export function digestText(rendered: RenderedDigest): string {
  const blocks = [rendered.summary, ...rendered.sections.map((s) => [s.heading, ...s.lines.map((line) => `· ${line}`)].join("\n")), rendered.link];
  return blocks.join("\n\n");
}
