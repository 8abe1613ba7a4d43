ALTER TABLE "creators" ADD COLUMN "alias" text;--> statement-breakpoint
ALTER TABLE "creators" ADD COLUMN "owner_user_id" uuid;--> statement-breakpoint
ALTER TABLE "shops" ADD COLUMN "alias" text;--> statement-breakpoint
ALTER TABLE "shops" ADD COLUMN "owner_user_id" uuid;