import { publicApiDocument } from "@/server/api/public-api-handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The public API's OpenAPI 3.1 document, at a stable URL; describes endpoints only, no tenant data. */
export function GET(request: Request) {
  return Response.json(publicApiDocument(new URL(request.url).origin), { headers: { "cache-control": "public, max-age=300" } });
}
