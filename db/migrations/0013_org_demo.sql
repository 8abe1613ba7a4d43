ALTER TABLE "organisations" ADD COLUMN "demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE "organisations" SET "demo" = true WHERE "org_id" IN (SELECT m."org_id" FROM "memberships" m JOIN "users" u ON u."id" = m."user_id" WHERE u."email" = 'demo@koubei.local' AND m."role" = 'owner');
