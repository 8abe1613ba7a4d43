import { logger } from "@/server/lib/logger";
import { getRuntime } from "@/server/runtime";
import { acceptPush } from "@/server/sync/push";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The Douyin platform's push messages for one organisation's app (set this URL as the app's
 * message URL). No session: the message is believed only if its signature is the app's.
 */
export async function POST(request: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  try {
    const { handle, boss } = await getRuntime();
    const answer = await acceptPush(handle, boss, {
      orgId,
      appId: request.headers.get("app-id"),
      eventSign: request.headers.get("event-sign"),
      rawBody: await request.text(),
    });
    return Response.json(answer.body, { status: answer.status });
  } catch (error) {
    logger.error({ err: error, orgId }, "push message failed");
    return Response.json({ code: 500, msg: "internal error" }, { status: 500 });
  }
}
