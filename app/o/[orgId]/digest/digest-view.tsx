"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageSpinner } from "@/components/ui/spinner";
import { Tabs } from "@/components/ui/tabs";
import { DIGEST_KINDS, type DigestKind } from "@/lib/contracts/digest";
import { isDay } from "@/lib/contracts/common";
import { useTRPC } from "@/lib/trpc-client";
import { PageHeader } from "../_components/page-header";
import { DigestPreferencesForm } from "./digest-preferences";

/** What the member receives: today's brief or this week's digest as it would be sent, and their choices. */
export function DigestView() {
  const t = useTranslations("digest.page");
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const asked = params.get("kind");
  const kind: DigestKind = asked === "weekly" ? "weekly" : "daily";
  const day = params.get("day");
  const choose = (next: string) => {
    const query = new URLSearchParams(params);
    query.set("kind", next);
    router.replace(`${pathname}?${query.toString()}`, { scroll: false });
  };
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      <Tabs
        label={t("title")}
        value={kind}
        onValueChange={choose}
        items={DIGEST_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`), testId: `digest-tab-${k}`, content: <DigestPreview kind={k} day={day && isDay(day) ? day : undefined} /> }))}
      />
      <DigestPreferencesForm />
    </div>
  );
}

function DigestPreview({ kind, day }: { kind: DigestKind; day?: string }) {
  const t = useTranslations("digest.page");
  const trpc = useTRPC();
  const preview = useQuery(trpc.digest.preview.queryOptions({ kind, day }));
  if (preview.isPending) return <PageSpinner label={t("loading")} />;
  if (preview.isError) return <EmptyState title={preview.error.message} />;
  const digest = preview.data;
  return (
    <Card title={<span data-testid="digest-title">{digest.title}</span>} description={digest.summary} testId="digest-preview">
      {digest.sections.length === 0 ? <p className="text-sm text-zinc-500">{t("nothing")}</p> : null}
      <div className="space-y-4">
        {digest.sections.map((section) => (
          <section key={section.section} data-testid={`digest-section-${section.section}`}>
            <h4 className="text-sm font-semibold text-zinc-800">{section.heading}</h4>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-zinc-700">
              {section.lines.map((line, i) => (
                <li key={i} className="break-words">
                  {line}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </Card>
  );
}
