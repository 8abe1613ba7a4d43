import { notFound } from "next/navigation";

/** An address inside an organisation that the app does not have: its not-found page, within the organisation's frame. */
export default function MissingOrgPage() {
  notFound();
}
