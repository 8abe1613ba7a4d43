ALTER TABLE "directory_cards" ADD COLUMN "platform_id" text;--> statement-breakpoint
CREATE INDEX "directory_cards_platform" ON "directory_cards" USING btree ("entity_kind","platform_id");