CREATE TABLE "checklist_checkpoints" (
	"org_id" uuid NOT NULL,
	"checklist_id" uuid NOT NULL,
	"offset_days" smallint NOT NULL,
	"day" date NOT NULL,
	"snapshot" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checklist_checkpoints_org_id_checklist_id_offset_days_pk" PRIMARY KEY("org_id","checklist_id","offset_days")
);
--> statement-breakpoint
CREATE TABLE "checklist_comments" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"author_user_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checklist_comments_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "checklist_evidence_files" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checklist_evidence_files_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "checklist_items" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"checklist_id" uuid NOT NULL,
	"step_key" text NOT NULL,
	"position" smallint NOT NULL,
	"occurrence" integer DEFAULT 1 NOT NULL,
	"text_zh" text NOT NULL,
	"text_en" text NOT NULL,
	"cadence" text NOT NULL,
	"owner_role" text NOT NULL,
	"evidence_kind" text NOT NULL,
	"assignee_user_id" uuid,
	"due_day" date,
	"status" text DEFAULT 'todo' NOT NULL,
	"evidence_note" text,
	"evidence_url" text,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checklist_items_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "checklists" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"entity_kind" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"playbook_code" text NOT NULL,
	"playbook_version" integer NOT NULL,
	"playbook" jsonb NOT NULL,
	"reason" jsonb,
	"status" text DEFAULT 'open' NOT NULL,
	"start_day" date NOT NULL,
	"due_day" date,
	"applied_by" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checklists_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "playbooks" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"based_on_code" text,
	"based_on_version" integer,
	"definition" jsonb NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "playbooks_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "checklist_checkpoints" ADD CONSTRAINT "checklist_checkpoints_org_id_checklist_id_checklists_org_id_id_fk" FOREIGN KEY ("org_id","checklist_id") REFERENCES "public"."checklists"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_comments" ADD CONSTRAINT "checklist_comments_org_id_item_id_checklist_items_org_id_id_fk" FOREIGN KEY ("org_id","item_id") REFERENCES "public"."checklist_items"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_evidence_files" ADD CONSTRAINT "checklist_evidence_files_org_id_item_id_checklist_items_org_id_id_fk" FOREIGN KEY ("org_id","item_id") REFERENCES "public"."checklist_items"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_org_id_checklist_id_checklists_org_id_id_fk" FOREIGN KEY ("org_id","checklist_id") REFERENCES "public"."checklists"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklists" ADD CONSTRAINT "checklists_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbooks" ADD CONSTRAINT "playbooks_org_id_organisations_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("org_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checklist_comments_item" ON "checklist_comments" USING btree ("org_id","item_id");--> statement-breakpoint
CREATE INDEX "checklist_evidence_files_item" ON "checklist_evidence_files" USING btree ("org_id","item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checklist_items_occurrence" ON "checklist_items" USING btree ("org_id","checklist_id","step_key","occurrence");--> statement-breakpoint
CREATE INDEX "checklist_items_assignee" ON "checklist_items" USING btree ("org_id","assignee_user_id","status","due_day");--> statement-breakpoint
CREATE INDEX "checklists_entity" ON "checklists" USING btree ("org_id","entity_kind","entity_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "playbooks_code" ON "playbooks" USING btree ("org_id","code");