ALTER TABLE "after_sales" ADD COLUMN "created_import_id" uuid;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "created_import_id" uuid;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "created_import_id" uuid;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "created_import_id" uuid;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "created_import_id" uuid;--> statement-breakpoint
-- Hand-written: imports no longer upsert row by row (they stage and merge, server/imports/stage-merge.ts)
-- and log no inserts (created_import_id says which import created a row), so this is unused.
DROP FUNCTION IF EXISTS koubei_import_log_before(uuid, uuid, uuid, text, jsonb, jsonb);
