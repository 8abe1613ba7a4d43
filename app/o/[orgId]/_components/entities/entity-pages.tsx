import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { scoredEntityKinds, type ScoredEntityKind } from "@/lib/contracts/entities";
import { EntityDetails } from "./entity-details";
import { EntityList } from "./entity-list";
import { IndicatorFactsView } from "../insight/indicator-facts-view";
import { NewEntity } from "./new-entity";
import { EntityReport } from "../reports/entity-report";

type PageOf<P> = { metadata: () => Promise<Metadata>; Page: (props: P) => ReactNode | Promise<ReactNode> };

const factsTitle = async (): Promise<Metadata> => {
  const t = await getTranslations("insight");
  return { title: t("pageTitle") };
};

const reportTitle = async (): Promise<Metadata> => {
  const t = await getTranslations("reports.page");
  return { title: t("title") };
};

const titled = (kind: ScoredEntityKind, key: "title" | "newTitle" | "detailsTitle") => async (): Promise<Metadata> => {
  const t = await getTranslations(scoredEntityKinds[kind].plural);
  return { title: t(key) };
};

/**
 * The routes of each kind (`/o/[orgId]` and `/shops/…`, `/creators/…`) are these three pages;
 * a route file only names its kind and the URL parameter that carries the id.
 */
export const entityPages = {
  list: (kind: ScoredEntityKind): PageOf<object> => ({
    metadata: titled(kind, "title"),
    Page: () => <EntityList kind={kind} />,
  }),
  create: (kind: ScoredEntityKind): PageOf<object> => ({
    metadata: titled(kind, "newTitle"),
    Page: () => <NewEntity kind={kind} />,
  }),
  details: <P extends string>(kind: ScoredEntityKind, param: P): PageOf<{ params: Promise<Record<P, string>> }> => ({
    metadata: titled(kind, "detailsTitle"),
    Page: async ({ params }) => <EntityDetails kind={kind} id={(await params)[param]} />,
  }),
  /** The printable report (`…/report`): the page the PDF export prints. */
  report: <P extends string>(kind: ScoredEntityKind, param: P): PageOf<{ params: Promise<Record<P, string>> }> => ({
    metadata: reportTitle,
    Page: async ({ params }) => <EntityReport kind={kind} id={(await params)[param]} />,
  }),
  /** The facts behind one indicator (`…/indicators/[code]?day=`): the day in the URL, so a link shares it. */
  indicatorFacts: <P extends string>(kind: ScoredEntityKind, param: P): PageOf<{ params: Promise<Record<P | "code", string>> }> => ({
    metadata: factsTitle,
    Page: async ({ params }) => {
      const values = await params;
      return <IndicatorFactsView kind={kind} id={values[param]} code={values.code} />;
    },
  }),
};
