ALTER TABLE "import_row_errors" ADD COLUMN "reason_params" jsonb;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "error_params" jsonb;