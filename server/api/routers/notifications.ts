import { z } from "zod";
import { uuidSchema } from "@/lib/contracts/common";
import { listNotifications, markRead, unreadCount } from "@/server/notifications/service";
import { orgProcedure, router } from "../trpc";

/** The member's in-app notifications in the current organisation. */
export const notificationsRouter = router({
  list: orgProcedure("org.read").query(({ ctx }) => listNotifications(ctx.tx, ctx.scope)),
  unreadCount: orgProcedure("org.read").query(({ ctx }) => unreadCount(ctx.tx, ctx.scope)),
  markRead: orgProcedure("org.read")
    .input(z.object({ ids: z.array(uuidSchema).max(200).optional() }))
    .mutation(({ ctx, input }) => markRead(ctx.tx, ctx.scope, input.ids ?? null)),
});
